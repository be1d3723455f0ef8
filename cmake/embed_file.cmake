# Writes a C++ source that embeds a file's bytes, so the binary needs no data files.
# cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -DNAMESPACE=ns -P embed_file.cmake
# defines `std::string_view ns::name()` returning the file's exact bytes.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated at build time by cmake/embed_file.cmake from ${INPUT}. Do not edit.
#include <string_view>

namespace ${NAMESPACE} {
namespace {
constexpr char kData[${size} + 1] = {
    ${bytes}'\\0'};
}  // namespace

std::string_view ${SYMBOL}() { return std::string_view(kData, ${size}); }

}  // namespace ${NAMESPACE}
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
