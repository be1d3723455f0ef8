// The catalogue commands: `list`, `show`, `compose` and `catalogue validate`.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/platform_options.hpp"
#include "cli/run.hpp"

namespace somepost::cli {

struct ListArgs {
  std::string kind = "messages";
  std::string format = "text";
  std::string lang;
  std::string catalogue;
};

struct ShowArgs {
  std::string message;
  std::string lang;
  std::string catalogue;
  PlatformArgs platforms;
};

struct ComposeArgs {
  std::string message;
  std::string text;
  std::string text_file;
  std::vector<std::string> hashtags;
  bool no_default_hashtags = false;
  bool no_link = false;
  bool fit = false;
  bool check = false;
  bool no_newline = false;
  bool copy = false;  ///< --copy: also put the post on the clipboard
  std::string format = "text";
  std::string lang;
  std::string catalogue;
  PlatformArgs platforms;
  std::string export_format;      ///< --export: text, json, bluesky-record, mastodon-status, linkedin
  std::string output = "-";       ///< -o FILE|-
  bool force = false;             ///< -o may replace an existing file
  std::string utm;                ///< --utm campaign=NAME[,medium=M,...]
  std::string link_scheme = "auto";
  bool thread = false;
  std::string created_at;         ///< --created-at (bluesky-record)
  std::string visibility;         ///< --visibility (mastodon-status)
  std::string content_warning;    ///< --content-warning
};

struct ValidateArgs {
  std::string file;
};

/// The parsed flags of every catalogue command, and the subcommands that hold them.
struct CatalogueCommands {
  ListArgs list;
  ShowArgs show;
  ComposeArgs compose;
  ValidateArgs validate;
  CLI::App* list_command = nullptr;
  CLI::App* show_command = nullptr;
  CLI::App* compose_command = nullptr;
  CLI::App* catalogue_command = nullptr;
  CLI::App* validate_command = nullptr;
};

/// Registers list, show, compose and catalogue (validate) on `app`.
void add_catalogue_commands(CLI::App& app, CatalogueCommands& commands);

/// Runs whichever of them was parsed; returns its exit status, or -1 if none was.
int run_catalogue_commands(const CatalogueCommands& commands, Streams io);

}  // namespace somepost::cli
