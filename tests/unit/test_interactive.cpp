// `somepost interactive` driven through cli::run with scripted answers: the dialogue, the
// post it makes (byte-equal to `somepost compose`), export, leaving at every prompt,
// Ctrl-C, remembered platforms, the Finnish and Swedish UI, and inert catalogue text.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/stat.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "cli/i18n.hpp"
#include "cli/run.hpp"
#include "core/wizard.hpp"

namespace {

namespace fs = std::filesystem;

struct Result {
  int status;
  std::string out;
  std::string err;
};

// A fresh folder used as $XDG_CONFIG_HOME and for exports; the translations are those
// the build compiled. Both variables are put back as they were at the end.
class Sandbox {
 public:
  Sandbox() {
    std::string pattern = (fs::temp_directory_path() / "somepost-wizard-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
    save("XDG_CONFIG_HOME", (dir / "config").string());
    save("SOMEPOST_LOCALEDIR", SOMEPOST_BUILD_LOCALE_DIR);
  }
  ~Sandbox() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // Every file under the sandbox except the remembered platforms.
  [[nodiscard]] std::set<std::string> files() const {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.is_regular_file() && e.path() != dir / "config" / "somepost" / "platforms") {
        out.insert(fs::relative(e.path(), dir).string());
      }
    }
    return out;
  }

  fs::path dir;

 private:
  void save(const std::string& name, const std::string& value) {
    const char* old = std::getenv(name.c_str());
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

Result run_in(std::istream& in, std::vector<std::string> args, somepost::cli::Terminal terminal = {}) {
  args.insert(args.begin(), "somepost");
  std::ostringstream out, err;
  const int status = somepost::cli::run(args, {in, out, err, terminal});
  return {status, out.str(), err.str()};
}

Result run_cli(std::vector<std::string> args, const std::string& input = "", somepost::cli::Terminal terminal = {}) {
  std::istringstream in(input);
  return run_in(in, std::move(args), terminal);
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string join(const std::vector<std::string>& answers) {
  std::string out;
  for (const auto& a : answers) {
    out += a;
    out += '\n';
  }
  return out;
}

// Message 3 without its second default tag (#mielenterveysvaalit), the link, every platform.
const std::vector<std::string> kCompose = {"compose", "--message", "3", "--no-default-hashtags",
                                           "--hashtag", "aluevaalit2022", "--hashtag", "mielenterveys",
                                           "--hashtag", "terapiatakuu", "--hashtag", "mieli"};

// A stream whose reading raises SIGINT once `lines` lines have been read, as a user's
// Ctrl-C at that prompt would.
class InterruptingBuffer : public std::streambuf {
 public:
  InterruptingBuffer(std::string text, int lines) : text_(std::move(text)), lines_(lines) {}

 protected:
  int_type underflow() override {
    if (pos_ >= text_.size() || lines_ == 0) {
      if (lines_ == 0 && !raised_) {
        raised_ = true;
        ::raise(SIGINT);
      }
      return traits_type::eof();
    }
    current_ = text_[pos_++];
    if (current_ == '\n') --lines_;
    setg(&current_, &current_, &current_ + 1);
    return traits_type::to_int_type(current_);
  }

 private:
  std::string text_;
  std::size_t pos_ = 0;
  int lines_;
  bool raised_ = false;
  char current_ = 0;
};

}  // namespace

TEST_CASE("interactive: a session with piped answers makes the post compose makes") {
  const Sandbox sandbox;
  const fs::path exported = sandbox.dir / "post.txt";
  const Result r = run_cli({"interactive"}, join({"3", "2", "", "", "", "e", "t", exported.string(), "q"}));
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("MIELI ry: Aluevaalit 2022 ovat mielenterveysvaalit\n") == 0);
  CHECK(r.out.find("Choose a message (1-6): 3\n") != std::string::npos);  // piped answers are echoed
  CHECK(r.out.find("  2 [ ] #mielenterveysvaalit") != std::string::npos);
  CHECK(r.out.find("Saved the post to " + exported.string()) != std::string::npos);
  CHECK(r.out.find('\x1b') == std::string::npos);  // no colour unless stdout is a terminal

  const Result compose = run_cli(kCompose);
  REQUIRE(compose.status == 0);
  CHECK(read_file(exported) == compose.out);
  CHECK(r.out.find(compose.out) != std::string::npos);  // the post as shown
  CHECK(r.out.find("X               192/280  fits") != std::string::npos);
}

TEST_CASE("interactive: the JSON export equals compose --format json") {
  const Sandbox sandbox;
  const fs::path exported = sandbox.dir / "post.json";
  const Result r = run_cli({"interactive"}, join({"3", "2", "", "", "", "e", "j", exported.string(), "q"}));
  CHECK(r.status == 0);
  std::vector<std::string> json = kCompose;
  json.push_back("--format");
  json.push_back("json");
  CHECK(read_file(exported) == run_cli(json).out);
}

TEST_CASE("interactive: an existing file is replaced only when the user agrees") {
  const Sandbox sandbox;
  const fs::path target = sandbox.dir / "post.txt";
  std::ofstream(target) << "old";
  Result r = run_cli({"interactive"}, join({"1", "", "", "", "e", "", target.string(), "", "q"}));
  CHECK(r.status == 0);
  CHECK(r.out.find("exists. Replace it? [y/N]: \nNot saved.") != std::string::npos);
  CHECK(read_file(target) == "old");
  r = run_cli({"interactive"}, join({"1", "", "", "", "e", "", target.string(), "y", "q"}));
  CHECK(read_file(target) == run_cli({"compose", "--message", "1"}).out);
  CHECK(sandbox.files() == std::set<std::string>{"post.txt"});  // no temporary file left behind
}

TEST_CASE("interactive: the end of input at every prompt leaves cleanly, status 0, no file") {
  const Sandbox sandbox;
  const fs::path exported = sandbox.dir / "post.txt";
  const std::vector<std::string> answers = {"3", "2", "", "n", "", "e", "t", exported.string(), "q"};
  for (std::size_t given = 0; given < answers.size() - 1; ++given) {
    CAPTURE(given);
    const std::vector<std::string> some(answers.begin(), answers.begin() + static_cast<std::ptrdiff_t>(given));
    const Result r = run_cli({"interactive"}, join(some));
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.back() == '\n');
    CHECK(sandbox.files().empty());
  }
}

TEST_CASE("interactive: Ctrl-C at every prompt ends with status 2 and leaves no file") {
  const Sandbox sandbox;
  const fs::path exported = sandbox.dir / "post.txt";
  const std::vector<std::string> answers = {"3", "2", "", "", "", "e", "t", exported.string(), "q"};
  struct sigaction before {};
  ::sigaction(SIGINT, nullptr, &before);
  for (int given = 0; given < static_cast<int>(answers.size()) - 1; ++given) {
    CAPTURE(given);
    InterruptingBuffer buffer(join(answers), given);
    std::istream in(&buffer);
    const Result r = run_in(in, {"interactive"});
    CHECK(r.status == 2);
    CHECK(r.err == "somepost: error: interrupted\n");
    CHECK(sandbox.files().empty());
  }
  // The handler in place before is put back.
  struct sigaction after {};
  ::sigaction(SIGINT, nullptr, &after);
  CHECK(reinterpret_cast<void*>(after.sa_handler) == reinterpret_cast<void*>(before.sa_handler));
}

TEST_CASE("interactive: wrong answers are explained and asked again") {
  const Sandbox sandbox;
  const Result r = run_cli({"interactive"}, join({"9", "x", "2", "1 x", "", "maybe", "y", "0", "", "1", "", "z", "q"}));
  CHECK(r.status == 0);
  CHECK(r.out.find("Please type a number from 1 to 6.\n") != std::string::npos);
  CHECK(r.out.find("Not understood: \"x\". Type numbers from 1 to 6, a or 0, or press Enter.") != std::string::npos);
  CHECK(r.out.find("Please answer y or n.") != std::string::npos);
  CHECK(r.out.find("Choose at least one platform.") != std::string::npos);
  CHECK(r.out.find("Type one of the letters in brackets.") != std::string::npos);
  CHECK(r.out.find("Platform  Length/limit  Result\nX              ") != std::string::npos);  // X alone
}

TEST_CASE("interactive: fit drops the hashtags a platform cannot take, and back keeps the choices") {
  const Sandbox sandbox;
  // Only Threads, which links one hashtag: fit keeps the highest priority one.
  const Result r = run_cli({"interactive"}, join({"1", "", "", "0 4", "", "f", "p", "b", "", "", "", "", "q"}));
  CHECK(r.status == 0);
  CHECK(r.out.find("Threads: fits without #mieli, #mielenterveys, #terapiatakuu, #aluevaalit2022") != std::string::npos);
  const std::string fitted = run_cli({"compose", "--message", "1", "--platform", "threads", "--fit"}).out;
  CHECK(r.out.find("\n" + fitted + "\n") != std::string::npos);  // printed with p
  CHECK(r.out.find("Choose a message (1-6) [1]: ") != std::string::npos);  // back: the last choice is the default
  CHECK(r.out.find("  2 [x] #mielenterveysvaalit") != std::string::npos);
  CHECK(r.out.find("  1 [ ] #aluevaalit2022") != std::string::npos);

  // The next run remembers Threads alone.
  const Result next = run_cli({"interactive"}, join({"1", "", ""}));
  CHECK(next.out.find("  1 [ ] X\n") != std::string::npos);
  CHECK(next.out.find("  4 [x] Threads\n") != std::string::npos);
  CHECK(read_file(sandbox.dir / "config" / "somepost" / "platforms").find("\nthreads\n") != std::string::npos);
}

TEST_CASE("interactive: the remembered platforms go in a private folder, through a link, keeping the file's mode") {
  const Sandbox sandbox;  // $XDG_CONFIG_HOME is sandbox/config, not there yet
  const fs::path config = sandbox.dir / "config";
  const fs::path folder = config / "somepost";
  const mode_t mask = ::umask(022);
  const Result first = run_cli({"interactive"}, join({"1", "", "", "0 4", ""}));
  CHECK(first.status == 0);
  CHECK((fs::status(config).permissions() & fs::perms::all) == fs::perms::owner_all);
  CHECK((fs::status(folder).permissions() & fs::perms::all) == fs::perms::owner_all);

  // The file is a link into the user's dotfiles, made private: a run keeps both so.
  const fs::path dotfiles = sandbox.dir / "dotfiles";
  fs::create_directories(dotfiles);
  fs::rename(folder / "platforms", dotfiles / "platforms");
  fs::permissions(dotfiles / "platforms", fs::perms::owner_read | fs::perms::owner_write);
  fs::create_symlink(dotfiles / "platforms", folder / "platforms");
  const Result second = run_cli({"interactive"}, join({"1", "", "", "0 2", ""}));
  CHECK(second.status == 0);
  CHECK(fs::is_symlink(folder / "platforms"));
  CHECK(read_file(dotfiles / "platforms").find("\nmastodon\n") != std::string::npos);
  CHECK((fs::status(dotfiles / "platforms").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  ::umask(mask);
}

TEST_CASE("interactive: a remembered-platforms file that is no regular file of at most 64 KiB is warned about and ignored") {
  const Sandbox sandbox;
  const fs::path folder = sandbox.dir / "config" / "somepost";
  const fs::path file = folder / "platforms";
  const std::string answers = join({"1", "", "", "", "q"});
  const auto warning = [&](const std::string& reason) {
    return "somepost: warning: " + file.string() + ": " + reason + "; the remembered platforms are ignored\n";
  };
  fs::create_directories(folder);

  // A FIFO with no writer: opened without blocking, refused before any read, left alone.
  REQUIRE(::mkfifo(file.c_str(), 0600) == 0);
  Result r = run_cli({"interactive"}, answers);
  CHECK(r.status == 0);
  CHECK(r.err == warning("not a regular file"));
  CHECK(r.out.find("  1 [x] X\n") != std::string::npos);  // a first run's choice: all
  CHECK(fs::is_fifo(file));
  fs::remove(file);

  // A link to a device that never ends: refused, not read until memory runs out.
  fs::create_symlink("/dev/zero", file);
  r = run_cli({"interactive"}, answers);
  CHECK(r.status == 0);
  CHECK(r.err == warning("not a regular file"));
  CHECK(fs::is_symlink(file));
  fs::remove(file);

  // A folder: refused, and never written into.
  fs::create_directory(file);
  r = run_cli({"interactive"}, answers);
  CHECK(r.status == 0);
  CHECK(r.err == warning("Is a directory"));
  CHECK(fs::is_empty(file));
  fs::remove(file);

  // A file over the bound: ignored, then replaced by this run's choice.
  std::ofstream(file) << "bluesky\n" << std::string(65536, '#');
  r = run_cli({"interactive"}, join({"1", "", "", "0 2", "", "q"}));
  CHECK(r.status == 0);
  CHECK(r.err == warning("larger than the limit of 65536 bytes"));
  CHECK(r.out.find("  1 [x] X\n") != std::string::npos);  // not Bluesky alone, as the file says
  CHECK(read_file(file).find("\nmastodon\n") != std::string::npos);
  CHECK(fs::file_size(file) < 1024);
}

TEST_CASE("interactive: Finnish and Swedish dialogues, with the English keys still working") {
  const Sandbox sandbox;
  const Result fi = run_cli({"interactive", "--lang", "fi"}, join({"3", "", "", "", "l"}));
  CHECK(fi.status == 0);
  CHECK(fi.out.find("Valitse viesti (1-6): 3") != std::string::npos);
  CHECK(fi.out.find("Lisätäänkö linkki mieli.fi/mielenterveysvaalit? [K/e]: ") != std::string::npos);
  CHECK(fi.out.find("[k]opioi  [t]ulosta  [v]ie  [s]ovita  [m]uokkaa  [l]opeta: ") != std::string::npos);
  CHECK(fi.out.find("Palvelu    Pituus/raja  Tulos") != std::string::npos);
  const Result sv = run_cli({"--lang", "sv", "interactive"}, join({"3", "", "n", "", "q"}));
  CHECK(sv.status == 0);
  CHECK(sv.out.find("Välj ett meddelande (1-6): 3") != std::string::npos);
  CHECK(sv.out.find("[k]opiera  [v]isa  [e]xportera  [a]npassa  [t]illbaka  [s]luta: q") != std::string::npos);
  CHECK(sv.out.find("Ta med länken mieli.fi/mielenterveysvaalit? [J/n]: n\n") != std::string::npos);
}

TEST_CASE("the translated keys never take an English key of another choice") {
  const std::vector<std::vector<const char*>> groups = {
      {"[c]opy", "[p]rint", "[e]xport", "[f]it", "[b]ack", "[q]uit"}, {"[t]ext", "[j]son"}, {"[y]es", "[n]o"}};
  const Sandbox sandbox;  // the build's translations
  for (const std::string lang : {"fi", "sv"}) {
    CAPTURE(lang);
    std::ostringstream warnings;
    const somepost::cli::UiLanguage ui(lang, true, warnings);
    REQUIRE(warnings.str().empty());
    REQUIRE(somepost::cli::ui_language() == lang);
    for (const auto& group : groups) {
      std::set<std::string> local_keys;
      for (std::size_t i = 0; i < group.size(); ++i) {
        const std::string translated(somepost::cli::tr(group[i]));
        const std::string key(somepost::core::label_key(translated));
        CAPTURE(translated);
        CHECK(key.size() >= 1);
        CHECK(local_keys.insert(key).second);  // unique in the language
        for (std::size_t j = 0; j < group.size(); ++j) {
          if (j != i) CHECK(key != somepost::core::label_key(group[j]));
        }
      }
    }
  }
}

TEST_CASE("somepost with no command: the wizard on a terminal, the usage otherwise") {
  const Sandbox sandbox;
  somepost::cli::Terminal tty;
  tty.stdin_tty = tty.stdout_tty = true;
  const Result wizard = run_cli({}, "q\n", tty);
  CHECK(wizard.status == 0);
  CHECK(wizard.out.find("Choose a message (1-6): ") != std::string::npos);
  CHECK(wizard.out.find("Choose a message (1-6): q") == std::string::npos);  // a terminal echoes itself

  somepost::cli::Terminal half = tty;
  half.stdout_tty = false;  // e.g. somepost > file
  const Result usage = run_cli({}, "1\n", half);
  CHECK(usage.status == 2);
  CHECK(usage.out.empty());
  CHECK(usage.err.find("Usage: somepost") != std::string::npos);
}

TEST_CASE("interactive: catalogue text cannot drive the terminal, colour or not") {
  const Sandbox sandbox;
  const fs::path kit = sandbox.dir / "kit.json";
  std::ofstream(kit) << R"({"schema": 1,
    "campaign": {"id": "demo", "name": {"en": "Demo\u001b]2;pwned\u0007 kit"},
                 "slogan": {"en": "Clear\u001b[2J screen"}, "default_language": "en", "link": "example.org"},
    "messages": [{"id": "one", "number": 1, "text": {"en": "Hello\u001b[31m red\u009b1m world"}, "hashtags": ["#demo"]}],
    "hashtags": [{"tag": "#demo", "description": {"en": "Bell\u0007 ring"}}]})";
  somepost::cli::Terminal colour;
  colour.color_stdout = true;
  for (const bool with_colour : {false, true}) {
    CAPTURE(with_colour);
    const Result r = run_cli({"interactive", "--catalogue", kit.string()}, join({"1", "", "", "", "p", "q"}),
                             with_colour ? colour : somepost::cli::Terminal{});
    CHECK(r.status == 0);
    CHECK(r.out.find("Demo\xE2\x90\x9B]2;pwned\xE2\x90\x87 kit") != std::string::npos);  // ␛ and ␇ shown
    CHECK(r.out.find("Hello\xE2\x90\x9B[31m red") != std::string::npos);
    CHECK(r.out.find("\x1b]") == std::string::npos);
    CHECK(r.out.find("\x1b[2J") == std::string::npos);
    CHECK(r.out.find("\x1b[31m red") == std::string::npos);
    CHECK(r.out.find('\x07') == std::string::npos);
    CHECK(r.out.find("\xC2\x9B") == std::string::npos);  // the C1 CSI
    CHECK((r.out.find('\x1b') != std::string::npos) == with_colour);  // only our own SGR colours
  }
}

TEST_CASE("interactive: bidirectional controls are named on screen, copied and exported as they are") {
  // U+202E (RIGHT-TO-LEFT OVERRIDE) would make the terminal show "Visit moc.elpmaxe" the
  // other way round; the export (and so the clipboard, which gets the same post) must
  // still hold the catalogue's exact bytes.
  const Sandbox sandbox;
  const fs::path kit = sandbox.dir / "kit.json";
  std::ofstream(kit) << R"({"schema": 1,
    "campaign": {"id": "demo", "name": {"en": "Demo\u2067 kit"}, "slogan": {"en": "Slogan"},
                 "default_language": "en", "link": "example.org"},
    "messages": [{"id": "one", "number": 1, "text": {"en": "Visit \u202Emoc.elpmaxe\u202C now"}, "hashtags": ["#demo"]}],
    "hashtags": [{"tag": "#demo", "description": {"en": "Tag"}}]})";
  const fs::path exported = sandbox.dir / "post.txt";
  const Result r = run_cli({"interactive", "--catalogue", kit.string()},
                           join({"1", "", "", "", "p", "e", "t", exported.string(), "q"}));
  CHECK(r.status == 0);
  CHECK(r.out.find("Demo\u27E8U+2067\u27E9 kit") != std::string::npos);
  CHECK(r.out.find("Visit \u27E8U+202E\u27E9moc.elpmaxe\u27E8U+202C\u27E9 now") != std::string::npos);
  CHECK(r.out.find("\u202E") == std::string::npos);
  CHECK(r.out.find("\u2067") == std::string::npos);
  CHECK(read_file(exported) == "Visit \u202Emoc.elpmaxe\u202C now example.org\n\n#demo\n");
  const Result compose = run_cli({"compose", "--catalogue", kit.string(), "--message", "1"});
  CHECK(compose.out == read_file(exported));  // compose prints the exact post too
}
