// Writing a file so that it is either all there or not there at all: the bytes go to a
// temporary file in the same folder, which is renamed over (or linked to) the name only
// when complete. An interrupted write leaves no partial file.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace somepost::cli {

/// How write_file_atomically ended.
enum class WriteResult {
  written,    ///< `path` now holds exactly the bytes
  exists,     ///< `path` exists and `replace` was false: nothing was written
  cancelled,  ///< `cancelled()` said so before the file was put in place: nothing was written
};

/// Writes `bytes` to `path` through a temporary file ".NAME.somepost-XXXXXX" beside it
/// (flushed with fsync), then puts it in place: with rename() when `replace` is true,
/// else with link(), which fails when `path` exists, so an existing file is never
/// overwritten without consent even if it appears meanwhile. When `path` is a symbolic
/// link (or a chain of them, at most 40), the file it points to is written instead (it
/// need not exist yet) and the link stays as it is, as a shell's `>` would do. A file
/// that is replaced keeps its permission bits; a new one gets 0666 less the umask.
/// `cancelled` (may be empty) is asked just before that last step. The temporary file is
/// removed on every path out. Throws CliError naming `path` and the system's reason when
/// the folder is not writable, the disk is full, the links loop, and so on.
WriteResult write_file_atomically(const std::string& path, std::string_view bytes, bool replace,
                                  const std::function<bool()>& cancelled = {});

/// Creates the folder `path` and each missing folder above it with mode 0700 (less the
/// umask), as the XDG Base Directory specification asks for the folders a program
/// creates under $XDG_CONFIG_HOME: what a user's settings say is theirs alone. Folders
/// that exist are left as they are. False (with errno set) when one cannot be made.
bool create_private_directories(const std::string& path);

}  // namespace somepost::cli
