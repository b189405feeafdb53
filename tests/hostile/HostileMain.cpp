// The Catch2 runner of the in-process hostile-input cases.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
