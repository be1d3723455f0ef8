// somepost's one atomic writer (docs/cli.md, "Output files"), used by `-o` and by the
// wizard's exports and remembered platforms: `-o -` is stdout; a FILE is written to a
// temporary file in FILE's folder, flushed to the disk (fsync), renamed over FILE only when
// complete, and the folder is flushed too, so FILE is never left half-written, not even
// by a power cut; an existing FILE is replaced only with --force. A reader that closes
// stdout early (`somepost batch | head -1`) ends the output quietly.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace somepost::cli {

/// One output target: stdout or a file. Buffers writes (64 KiB) and sends them with
/// write(2) so that every failure has the system's reason. Not copyable.
class Output {
 public:
  /// Opens the target up front, so that a bad path fails before any work is done.
  /// `path` "-" is `out` (the process's stdout is then written through file descriptor 1,
  /// after flushing `out`; any other stream, as in tests, through the stream). A path that
  /// names one of the process's open descriptors (/dev/stdout, /dev/stderr, /dev/fd/N,
  /// /proc/self/fd/N, also through symbolic links) is written in place through that
  /// descriptor, as "-" is (/dev/stdout and /proc/self/fd/1 are `out`), so a shell's
  /// `>> log` is appended to, never replaced; a descriptor that is not open for writing
  /// throws CliError "PATH: Bad file descriptor". Otherwise a symbolic link (a chain of
  /// them, at most 40) is followed, also when what it names does not exist yet, so the
  /// file it points to is written and the link stays a link, as a shell's `>` does (a
  /// loop throws CliError "PATH: Too many levels of symbolic links"; a link in a sticky,
  /// world-writable folder such as /tmp that belongs neither to us nor to the folder's
  /// owner throws "PATH: Permission denied", as the kernel's fs.protected_symlinks
  /// would refuse it). Then: an existing
  /// regular file without `force` throws CliError "FILE exists; add --force to overwrite
  /// it" (with `force` it is replaced, keeping its permission bits, 0777); a directory
  /// throws; an existing non-regular file (/dev/null, /dev/full, a FIFO) is written in
  /// place; anything else gets a temporary file ".NAME.somepost-PID-N.tmp" beside the
  /// file (CliError naming the folder and the reason when it cannot be created). While
  /// the temporary file exists, every signal that would end the process and that it
  /// does not ignore or handle elsewhere (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
  /// SIGUSR2, SIGALRM, SIGPIPE, SIGXCPU, SIGVTALRM, SIGPROF, SIGPOLL, SIGPWR, SIGSYS,
  /// SIGTRAP, and the crashes SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL) removes it before
  /// the process ends as the signal says. SIGXFSZ is ignored from here on (see
  /// ignore_file_size_signal), so `ulimit -f` makes a write fail with "File too large".
  Output(const std::string& path, bool force, std::ostream& out);
  /// The same, for a caller that must go on when this one target fails (`batch -o DIR`,
  /// one file per post): no call throws CliError. The first failure's message (the one
  /// the other constructor would throw) is stored in `error`, which must outlive the
  /// Output; the temporary file is removed, and every later call does nothing and
  /// returns false. `error` stays empty when everything succeeds.
  Output(const std::string& path, bool force, std::ostream& out, std::string& error);
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  /// Closes the file and removes the temporary file unless commit() succeeded.
  ~Output();

  /// Queues `bytes`; sends the buffer when it holds 64 KiB. Returns false once the reader
  /// of a pipe has gone (EPIPE: the caller should stop producing, quietly). Throws
  /// CliError "TARGET: cannot write: REASON" on any other failure, after removing the
  /// temporary file (or, made with an `error` to fill, stores it there and returns false).
  bool write(std::string_view bytes);

  /// Sends what is buffered. Same results as write().
  bool flush();

  /// Sends the rest, flushes the temporary file to the disk (fsync), closes it, renames
  /// it over the target (with RENAME_NOREPLACE unless `force`, so a file created
  /// meanwhile is not clobbered) and flushes the folder, so the rename survives a crash
  /// (a file system that cannot flush a folder, EINVAL, is taken as done). Throws CliError
  /// on failure (or stores it, as write() does), leaving no temporary file; a failure to
  /// flush the folder comes after the rename: the target then holds the new bytes. A
  /// no-op for stdout but the flush; a target written in place is closed.
  void commit();

  /// True once a write met a closed pipe.
  [[nodiscard]] bool closed() const noexcept { return closed_; }

  /// The target as named in messages: the path, or "standard output".
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

 private:
  void open(const std::string& path, std::ostream& out);
  bool send(std::string_view bytes);
  // After removing the temporary file: throws CliError(message), or, with an `error`
  // to fill, stores the message there and marks the Output failed.
  void refuse(const std::string& message);
  // refuse("TARGET: WHAT: REASON"); returns false for the callers that go on.
  bool fail(const std::string& what, int error);
  void discard() noexcept;

  std::string* error_ = nullptr;    // where failures go instead of being thrown
  bool failed_ = false;             // a failure was stored in *error_
  std::ostream* stream_ = nullptr;  // set when writing to a stream rather than a descriptor
  int fd_ = -1;
  bool own_fd_ = false;             // fd_ was opened here (not stdout)
  std::string name_;                // for messages
  std::string target_;              // the final path; empty for stdout and in-place targets
  std::string temp_;                // the temporary file, while it exists
  int temp_slot_ = -1;              // its slot for the signal cleanup, or -1
  int replaced_mode_ = -1;          // permission bits of the file being replaced, or -1
  bool force_ = false;
  bool closed_ = false;
  std::string buffer_;
};

/// True when `path` names an existing directory (symbolic links followed).
[[nodiscard]] bool is_directory(const std::string& path);

/// True when `path` names an existing regular file (symbolic links followed): what an
/// Output made without `force` refuses to replace.
[[nodiscard]] bool is_regular_file(const std::string& path);

/// Ignores SIGXFSZ unless the process already handles it, so that writing past a file
/// size limit (`ulimit -f`) fails with EFBIG, an ordinary write error that names the file
/// and removes the temporary file, instead of ending the process on the spot. Idempotent;
/// called at start-up by cli::run and by every Output.
void ignore_file_size_signal() noexcept;

/// Creates the folder `path` and each missing folder above it with mode 0700 (less the
/// umask), as the XDG Base Directory specification asks for the folders a program
/// creates under $XDG_CONFIG_HOME: what a user's settings say is theirs alone. Folders
/// that exist are left as they are. False (with errno set) when one cannot be made.
bool create_private_directories(const std::string& path);

}  // namespace somepost::cli
