// The doctest entry point of somepost_unit_tests; the test cases live beside it.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
