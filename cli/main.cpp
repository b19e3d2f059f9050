#include <iostream>
#include <iterator>

#include "postrender/post.hpp"

int main() {
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::cout << postrender::render(input).html;
}
