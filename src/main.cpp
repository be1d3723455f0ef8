// The somepost binary: everything happens in cli::run, the single catch site.
#include <string>
#include <vector>

#include "cli/run.hpp"

int main(int argc, char** argv) {
  return somepost::cli::run(std::vector<std::string>(argv, argv + argc));
}
