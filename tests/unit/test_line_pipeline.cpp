// run_line_pipeline: output in input order on any number of threads, flags ORed, errors
// propagated, and everything answered before the reader blocks on a pausing input.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

#include "cli/error.hpp"
#include "cli/line_pipeline.hpp"
#include "cli/run.hpp"

using somepost::cli::LineProcessor;
using somepost::cli::LineProcessorFactory;

namespace {

// Answers a line skipped for its length with "number:too long" and flag 4.
unsigned mark_long_line(std::size_t number, std::string& out) {
  out += std::to_string(number) + ":too long\n";
  return 4u;
}

// run_line_pipeline on `in` with a bound of `max_line_bytes`, long lines marked.
unsigned run_line_pipeline(std::istream& in, std::ostream& out, const LineProcessorFactory& make_processor,
                           std::size_t threads, std::size_t max_line_bytes = std::size_t{1} << 20) {
  return somepost::cli::run_line_pipeline({in, "the input", max_line_bytes}, out, make_processor, mark_long_line,
                                          threads);
}

// Echoes "number:line" and flags 1 for lines starting with 'b', 2 for 'o'.
LineProcessor echo_processor() {
  return [](std::size_t number, std::string_view line, std::string& out) -> unsigned {
    out += std::to_string(number);
    out += ':';
    out += line;
    out += '\n';
    return line.starts_with("b") ? 1u : line.starts_with("o") ? 2u : 0u;
  };
}

std::string make_lines(std::size_t n, std::string& expected) {
  std::string input;
  for (std::size_t i = 1; i <= n; ++i) {
    const std::string line = (i % 997 == 0 ? "b" : "") + std::string(i % 13, 'x') + std::to_string(i * 7919);
    input += line + "\n";
    expected += std::to_string(i) + ":" + line + "\n";
  }
  return input;
}

// An input that delivers its chunks one at a time and reports no bytes ready at the end
// of each chunk (a producer that pauses). Before handing out chunk k it records what the
// output held, so a test can check that everything before the pause was written.
class PausingInput : public std::streambuf {
 public:
  PausingInput(std::vector<std::string> chunks, const std::ostringstream& sink)
      : chunks_(std::move(chunks)), sink_(sink) {}
  std::vector<std::string> seen_at_pause;  // the output when chunk k (k >= 1) was requested

 protected:
  int_type underflow() override {
    if (next_ == chunks_.size()) return traits_type::eof();
    if (next_ > 0) seen_at_pause.push_back(sink_.str());
    std::string& c = chunks_[next_++];
    setg(c.data(), c.data(), c.data() + c.size());
    return traits_type::to_int_type(c[0]);
  }
  std::streamsize showmanyc() override { return next_ == chunks_.size() ? -1 : 0; }

 private:
  std::vector<std::string> chunks_;
  std::size_t next_ = 0;
  const std::ostringstream& sink_;
};

}  // namespace

TEST_CASE("the pipeline keeps input order and ORs the flags, on 1 to 4 threads") {
  std::string expected;
  const std::string input = make_lines(5000, expected);  // several batches of 1,024 lines
  for (const std::size_t threads : {1u, 2u, 3u, 4u}) {
    CAPTURE(threads);
    std::istringstream in(input);
    std::ostringstream out;
    const unsigned flags = run_line_pipeline(in, out, echo_processor, threads);
    CHECK(out.str() == expected);
    CHECK(flags == 1u);
  }
}

TEST_CASE("the pipeline handles no input, a last line without newline and huge lines") {
  std::ostringstream out;
  std::istringstream empty("");
  CHECK(run_line_pipeline(empty, out, echo_processor, 2) == 0u);
  CHECK(out.str().empty());

  const std::string huge(600 * 1024, 'o');  // longer than a batch's byte budget
  std::istringstream in("a\n" + huge + "\nlast");
  CHECK(run_line_pipeline(in, out, echo_processor, 2) == 2u);
  CHECK(out.str() == "1:a\n2:" + huge + "\n3:last\n");
}

TEST_CASE("a processor's exception reaches the caller and no thread is left behind") {
  std::string expected;
  const std::string input = make_lines(4000, expected);
  const auto failing = []() -> LineProcessor {
    return [](std::size_t number, std::string_view, std::string& out) -> unsigned {
      if (number == 3000) throw std::runtime_error("line 3000 failed");
      out += "ok\n";
      return 0;
    };
  };
  for (const std::size_t threads : {1u, 3u}) {
    std::istringstream in(input);
    std::ostringstream out;
    CHECK_THROWS_WITH_AS(run_line_pipeline(in, out, failing, threads), "line 3000 failed", std::runtime_error);
    // Every batch before the failing one was written, in full.
    CHECK(out.str().size() % 3 == 0);
    CHECK(out.str().size() / 3 < 3000);
  }
}

TEST_CASE("lines read before the input pauses are answered before reading on") {
  for (const std::size_t threads : {1u, 2u}) {
    CAPTURE(threads);
    std::ostringstream out;
    PausingInput input({"a\nb", "c\n", "d\ne\n", "f"}, out);
    std::istream in(&input);
    CHECK(run_line_pipeline(in, out, echo_processor, threads) == 1u);
    CHECK(out.str() == "1:a\n2:bc\n3:d\n4:e\n5:f\n");
    REQUIRE(input.seen_at_pause.size() == 3);
    // The first pause falls inside line 2 ("b" waits for "c\n"); bytes were still ready
    // after line 1, so nothing had to be written yet.
    CHECK(input.seen_at_pause[0].empty());
    // The other pauses follow complete lines: all of them were answered first.
    CHECK(input.seen_at_pause[1] == "1:a\n2:bc\n");
    CHECK(input.seen_at_pause[2] == "1:a\n2:bc\n3:d\n4:e\n");
  }
}

TEST_CASE("count --jsonl gives the same bytes and status on 1 and 3 threads") {
  std::string input;
  for (int i = 0; i < 3000; ++i) {
    if (i % 500 == 7) {
      input += "{not json\n";
    } else {
      input += "\"Post " + std::to_string(i) + " #aluevaalit2022 mieli.fi/mielenterveysvaalit " +
               std::string(static_cast<std::size_t>(i % 400), 'a') + "\"\n";
    }
  }
  std::string outputs[2];
  int statuses[2];
  const char* thread_counts[] = {"1", "3"};
  for (int k = 0; k < 2; ++k) {
    std::istringstream in(input);
    std::ostringstream out, err;
    statuses[k] = somepost::cli::run({"somepost", "count", "--jsonl", "--threads", thread_counts[k], "-p", "x,bluesky"},
                                     {in, out, err});
    outputs[k] = out.str();
  }
  CHECK(statuses[0] == 2);  // bad lines
  CHECK(statuses[1] == statuses[0]);
  CHECK(outputs[1] == outputs[0]);
  CHECK(std::count(outputs[0].begin(), outputs[0].end(), '\n') == 3000);
  CHECK(outputs[0].find("{\"line\":8,\"error\":") != std::string::npos);
}

TEST_CASE("a line longer than the bound is answered in its place, unread; the others go on") {
  // Bounds below, at and above the room read_bounded_line first offers (256 bytes).
  for (const std::size_t bound : {5u, 256u, 300u, 1000u}) {
    for (const std::size_t threads : {1u, 3u}) {
      CAPTURE(bound);
      CAPTURE(threads);
      const std::string fits(bound, 'a');
      const std::string over(bound + 1, 'o');
      const std::string far_over(bound * 50 + 7, 'x');
      // A line's "\r" counts: "fits" without its last byte and with a "\r" fits exactly.
      const std::string crlf = fits.substr(1) + "\r";
      std::istringstream in(fits + "\n" + over + "\nb\n" + far_over + "\n" + crlf + "\n" + over);
      std::ostringstream out;
      CHECK(run_line_pipeline(in, out, echo_processor, threads, bound) == (4u | 1u));
      CHECK(out.str() == "1:" + fits + "\n2:too long\n3:b\n4:too long\n5:" + crlf + "\n6:too long\n");
    }
  }
}

TEST_CASE("a read error ends the pipeline with the input's name and the reason") {
  // A stream whose buffer throws on reading, as a failed read(2) makes std::filebuf do.
  struct FailingInput : std::streambuf {
    int_type underflow() override { throw std::ios_base::failure("read failed"); }
  } failing;
  std::istream in(&failing);
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(somepost::cli::run_line_pipeline({in, "plan.jsonl", 100}, out, echo_processor, mark_long_line, 1),
                       doctest::Contains("plan.jsonl: read error"), somepost::cli::CliError);
}
