// Benchmarks of thread splitting and --fit in the core (issue 11: both were quadratic), on
// the inputs that bench/thread/make_inputs.py writes. bench/thread/run builds and runs this
// after timing the same work through the command line; docs/performance.md has the figures.
//
//   SOMEPOST_BENCH_THREAD_INPUTS=DIR somepost_thread_bench [--benchmark_filter=REGEX] [...]
//
// DIR (default ./bench-thread) holds spaces-1m.txt, spaces-2m.txt, nospace-1m.txt,
// nospace-2m.txt, catalogue-20k.json and catalogue-40k.json.
//
// thread/FILE/PLATFORM: core::split_thread of the whole file (less its final newline, as
// `compose --text-file` reads it) on a built-in platform; reports the parts and the input
// bytes per second. fit/Nk/PLATFORM: core::fit_post of the catalogue's message 1 with its
// N default hashtags (each resolved to its catalogue entry once, before timing), the
// campaign link and the catalogue's template. Both check their result (every part fits;
// the fitted post fits) before timing, and stop with exit status 1 when it does not.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue.hpp"
#include "core/compose.hpp"
#include "core/count.hpp"
#include "core/platforms.hpp"
#include "core/thread_split.hpp"

namespace {

namespace core = somepost::core;

std::string g_dir = "bench-thread";

std::string read_file(const std::string& name) {
  const std::string path = g_dir + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "somepost_thread_bench: cannot read %s (run bench/thread/make_inputs.py DIR)\n",
                 path.c_str());
    std::exit(2);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const core::Profile& builtin(const std::string& id) {
  const core::Profile* p = core::find_profile(core::builtin_profiles(), id);
  if (!p) std::exit(2);
  return *p;
}

void fail(const std::string& what) {
  std::fprintf(stderr, "somepost_thread_bench: %s\n", what.c_str());
  std::exit(1);
}

void thread(benchmark::State& state, const std::string& file, const std::string& platform) {
  std::string text = read_file(file + ".txt");
  if (!text.empty() && text.back() == '\n') text.pop_back();
  const core::Profile& profile = builtin(platform);
  core::Counter counter;
  const core::ThreadResult check = core::split_thread(text, profile, {}, counter);
  if (!check.fits) fail(file + " on " + platform + ": " + check.problem);
  for (const core::ThreadPart& part : check.parts) {
    if (!part.count.all_fit()) fail(file + " on " + platform + ": a part does not fit");
  }
  for (auto _ : state) {
    core::ThreadResult result = core::split_thread(text, profile, {}, counter);
    benchmark::DoNotOptimize(result);
  }
  state.counters["parts"] = static_cast<double>(check.parts.size());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void fit(benchmark::State& state, const std::string& tags_k, const std::string& platform) {
  const core::CatalogueResult loaded = core::parse_catalogue(read_file("catalogue-" + tags_k + ".json"));
  if (!loaded.catalogue) fail("catalogue-" + tags_k + ".json is not a valid catalogue");
  const core::Catalogue& catalogue = *loaded.catalogue;
  const core::Message& message = catalogue.messages.front();
  std::vector<core::ChosenTag> tags;
  std::size_t next = 0;  // the message lists the catalogue's tags in catalogue order
  for (const std::string& tag : message.hashtags) {
    while (next < catalogue.hashtags.size() && catalogue.hashtags[next].tag != tag) ++next;
    if (next == catalogue.hashtags.size()) fail("message 1 does not list the tags in catalogue order");
    tags.push_back({tag, catalogue.hashtags[next].priority, &catalogue.hashtags[next]});
  }
  const std::string& body = message.text.begin()->second;
  const std::string& link = catalogue.campaign.link;
  const std::string_view tmpl =
      catalogue.campaign.post_template.empty() ? core::kDefaultTemplate : std::string_view(catalogue.campaign.post_template);
  const core::Profile& profile = builtin(platform);
  core::Counter counter;
  const core::FitResult check = core::fit_post(tmpl, body, link, tags, profile, counter);
  if (!check.fits) fail("fit " + tags_k + " on " + platform + " does not fit");
  for (auto _ : state) {
    core::FitResult result = core::fit_post(tmpl, body, link, tags, profile, counter);
    benchmark::DoNotOptimize(result);
  }
  state.counters["tags"] = static_cast<double>(tags.size());
  state.counters["kept"] = static_cast<double>(check.kept.size());
}

void register_all() {
  for (const char* file : {"spaces-1m", "spaces-2m", "nospace-1m", "nospace-2m"}) {
    for (const char* platform : {"x", "mastodon", "bluesky", "threads", "instagram", "linkedin", "facebook"}) {
      benchmark::RegisterBenchmark((std::string("thread/") + file + "/" + platform).c_str(), thread, file, platform)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
  for (const char* tags_k : {"20k", "40k"}) {
    for (const char* platform : {"x", "mastodon", "instagram"}) {
      benchmark::RegisterBenchmark((std::string("fit/") + tags_k + "/" + platform).c_str(), fit, tags_k, platform)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (const char* dir = std::getenv("SOMEPOST_BENCH_THREAD_INPUTS")) g_dir = dir;
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
