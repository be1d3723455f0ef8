#include "cli/line_pipeline.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <istream>
#include <mutex>
#include <ostream>
#include <system_error>
#include <thread>
#include <vector>

#include "cli/error.hpp"
#include "cli/line_input.hpp"

namespace somepost::cli {
namespace {

constexpr std::size_t kBatchLines = 1024;
constexpr std::size_t kBatchBytes = 256 * 1024;

// A run of consecutive input lines and, once processed, their output.
struct Batch {
  enum class State { empty, queued, done };
  State state = State::empty;
  std::size_t first_line = 0;           // 1-based number of the first line
  std::string text;                     // the lines, each followed by '\n'
  std::vector<std::size_t> ends;        // end offset of each line in `text` (at its '\n')
  std::vector<bool> too_long;           // per line: skipped unread (its text is empty)
  std::string output;
  unsigned flags = 0;
  std::exception_ptr error;

  void clear(std::size_t next_line) {
    state = State::empty;
    first_line = next_line;
    text.clear();
    ends.clear();
    too_long.clear();
    output.clear();
    flags = 0;
    error = nullptr;
  }
  [[nodiscard]] bool full() const noexcept { return ends.size() >= kBatchLines || text.size() >= kBatchBytes; }

  void process(const LineProcessor& processor, const LongLineProcessor& on_long_line) {
    try {
      std::size_t begin = 0;
      for (std::size_t i = 0; i < ends.size(); ++i) {
        flags |= too_long[i] ? on_long_line(first_line + i, output)
                             : processor(first_line + i, std::string_view(text).substr(begin, ends[i] - begin), output);
        begin = ends[i] + 1;
      }
    } catch (...) {
      error = std::current_exception();
    }
  }
};

// Workers take queued batches in order; the reading thread writes finished ones in order.
class Pipeline {
 public:
  Pipeline(const LineProcessorFactory& make_processor, const LongLineProcessor& on_long_line, std::size_t threads,
           std::ostream& out)
      : out_(out), on_long_line_(on_long_line), slots_(std::max<std::size_t>(2, 2 * threads)) {
    if (threads > 1) {
      try {
        for (std::size_t i = 0; i < threads; ++i) {
          workers_.emplace_back([this, processor = make_processor()] { work(processor); });
        }
      } catch (const std::system_error&) {
        // No more threads to be had: run with those started, or inline with none.
      }
    }
    if (workers_.empty()) inline_processor_ = make_processor();
  }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  ~Pipeline() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& w : workers_) w.join();
  }

  // The batch being filled by the reading thread; waits for (and writes out) the oldest
  // batch in flight when every slot is taken.
  Batch& filling() {
    Batch& batch = slots_[next_fill_ % slots_.size()];
    if (next_fill_ - next_write_ == slots_.size()) write_oldest();
    if (batch.state == Batch::State::empty && batch.ends.empty()) batch.first_line = next_line_;
    return batch;
  }

  // Adds the next line; a line skipped for its length is added empty, marked `too_long`.
  void add_line(std::string_view line, bool too_long) {
    Batch& batch = filling();
    batch.text.append(line);
    batch.ends.push_back(batch.text.size());
    batch.too_long.push_back(too_long);
    batch.text.push_back('\n');
    ++next_line_;
  }

  [[nodiscard]] bool filling_full() { return filling().full(); }

  // Hands the batch being filled to the workers (or processes it here).
  void submit() {
    Batch& batch = slots_[next_fill_ % slots_.size()];
    if (batch.ends.empty()) return;
    ++next_fill_;
    if (workers_.empty()) {
      batch.process(inline_processor_, on_long_line_);
      batch.state = Batch::State::done;
      return;
    }
    {
      const std::lock_guard lock(mutex_);
      batch.state = Batch::State::queued;
      queue_.push_back(&batch);
    }
    work_ready_.notify_one();
  }

  // Writes every batch in flight, in order, waiting for each.
  void drain() {
    while (next_write_ < next_fill_) write_oldest();
  }

  // Writes the batches at the front that are already done, without waiting.
  void write_ready() {
    while (next_write_ < next_fill_) {
      Batch& batch = slots_[next_write_ % slots_.size()];
      {
        const std::lock_guard lock(mutex_);
        if (batch.state != Batch::State::done) return;
      }
      emit(batch);
    }
  }

  [[nodiscard]] unsigned flags() const noexcept { return flags_; }

 private:
  void write_oldest() {
    Batch& batch = slots_[next_write_ % slots_.size()];
    {
      std::unique_lock lock(mutex_);
      batch_done_.wait(lock, [&] { return batch.state == Batch::State::done; });
    }
    emit(batch);
  }

  void emit(Batch& batch) {
    if (batch.error) std::rethrow_exception(batch.error);
    out_.write(batch.output.data(), static_cast<std::streamsize>(batch.output.size()));
    if (!out_) throw CliError("cannot write to standard output");
    flags_ |= batch.flags;
    ++next_write_;
    batch.clear(0);
  }

  void work(const LineProcessor& processor) {
    for (;;) {
      Batch* batch;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, nothing left
        batch = queue_.front();
        queue_.pop_front();
      }
      batch->process(processor, on_long_line_);
      {
        const std::lock_guard lock(mutex_);
        batch->state = Batch::State::done;
      }
      batch_done_.notify_all();
    }
  }

  std::ostream& out_;
  const LongLineProcessor& on_long_line_;
  std::vector<Batch> slots_;
  std::size_t next_fill_ = 0;   // sequence number of the batch being filled
  std::size_t next_write_ = 0;  // sequence number of the oldest batch not yet written
  std::size_t next_line_ = 1;
  unsigned flags_ = 0;
  LineProcessor inline_processor_;

  std::mutex mutex_;  // guards queue_, stopping_ and every Batch::state
  std::condition_variable work_ready_;
  std::condition_variable batch_done_;
  std::deque<Batch*> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;  // joined in the destructor's body, before any member goes
};

}  // namespace

unsigned run_line_pipeline(const LineSource& source, std::ostream& out, const LineProcessorFactory& make_processor,
                           const LongLineProcessor& on_long_line, std::size_t threads) {
  Pipeline pipeline(make_processor, on_long_line, threads, out);
  std::istream& in = source.in;
  std::string line;
  for (BoundedRead read; (read = read_bounded_line(in, line, source.max_line_bytes, source.name)) != BoundedRead::end;) {
    pipeline.add_line(line, read == BoundedRead::too_long);
    const bool input_idle = in.rdbuf()->in_avail() <= 0;
    if (input_idle) {
      // Nothing more to read right now: answer everything read so far before blocking.
      pipeline.submit();
      pipeline.drain();
      out.flush();
      if (!out) throw CliError("cannot write to standard output");
    } else if (pipeline.filling_full()) {
      pipeline.submit();
      pipeline.write_ready();
    }
  }
  pipeline.submit();
  pipeline.drain();
  out.flush();
  if (!out) throw CliError("cannot write to standard output");
  return pipeline.flags();
}

std::size_t default_thread_count() noexcept {
  const unsigned n = std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(n, 1, 8);
}

}  // namespace somepost::cli
