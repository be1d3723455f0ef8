// Line-by-line processing of a stream on several threads, with the output kept in input
// order and memory bounded: `count --jsonl` (and any other one-line-in, one-line-out job).
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace somepost::cli {

/// Processes one input line (without its '\n'; `number` is 1-based) by appending its
/// whole output, newline included, to `out`. Returns flag bits that the pipeline ORs
/// together over all lines (their meaning is the caller's). May throw; the pipeline
/// stops and rethrows the first exception on the calling thread.
using LineProcessor = std::function<unsigned(std::size_t number, std::string_view line, std::string& out)>;

/// Makes one LineProcessor per worker, so each holds its own scratch state (e.g. a
/// core::Counter): a processor is only ever called from one thread at a time.
using LineProcessorFactory = std::function<LineProcessor()>;

/// Answers a line that was longer than the pipeline's bound and was skipped unread: like
/// a LineProcessor, appends the line's whole output to `out` and returns its flags. May
/// be called from several worker threads at once.
using LongLineProcessor = std::function<unsigned(std::size_t number, std::string& out)>;

/// The input of a pipeline: the stream, its name for messages ("standard input" or the
/// file's name), and the bound on one line in bytes (its "\n" not counted).
struct LineSource {
  std::istream& in;
  std::string_view name;
  std::size_t max_line_bytes;
};

/// Reads `source` line by line until EOF, processes the lines in batches on `threads`
/// worker threads (1: everything on the calling thread) and writes each batch's output to
/// `out` in input order. A line longer than `source.max_line_bytes` is read to its end
/// without being kept and answered by `on_long_line`, in its place. Memory is bounded by a
/// fixed number of batches in flight (each at most 1,024 lines or 256 KiB of input, or one
/// longer line of at most the bound), whatever the input's length or its lines'.
/// Whenever the input has no more bytes ready (a pipe that pauses, a person typing), the
/// lines read so far are finished, written and `out` is flushed before reading on, so an
/// interactive producer sees each answer at once. Returns the OR of every line's flags.
/// Throws CliError on a read error ("NAME: read error: REASON") or a write error, and
/// rethrows a processor's exception.
unsigned run_line_pipeline(const LineSource& source, std::ostream& out, const LineProcessorFactory& make_processor,
                           const LongLineProcessor& on_long_line, std::size_t threads);

/// The default number of worker threads: the hardware's concurrency, at least 1, at most 8.
[[nodiscard]] std::size_t default_thread_count() noexcept;

}  // namespace somepost::cli
