// A step of the page's build (web/page/build_page.mjs): the examples' aggregate, as `mailflow
// aggregate` prints it, made the binary image the dashboard reads the worker's snapshots from
// (export/aggregate_binary.h). The page's first frame then reads it without a JSON parser: as
// JSON, the page's thread took 53-81 ms over it before the first frame.
//
// usage (node, the real file system): examples_binary.js AGGREGATE.json IMAGE.bin
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "aggregate/aggregate_json.h"
#include "export/aggregate_binary.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: examples_binary AGGREGATE.json IMAGE.bin\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string json{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::string error;
  const auto aggregate = mailflow::aggregate_from_json(json, error);
  if (!aggregate) {
    std::cerr << "examples_binary: " << argv[1] << ": " << error << "\n";
    return 1;
  }
  const std::string image = mailflow::aggregate_to_binary(*aggregate);
  std::ofstream out(argv[2], std::ios::binary);
  out.write(image.data(), static_cast<std::streamsize>(image.size()));
  return out ? 0 : 1;
}
