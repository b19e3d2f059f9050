#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "front_matter.hpp"
#include "postrender/post.hpp"

using postrender::Diagnostic;
using postrender::Diagnostics;
using postrender::Limits;
using postrender::Severity;
using postrender::Value;
using namespace postrender::detail;

namespace {

// Split + parse, as render() does.
Value parse(const std::string& source, Diagnostics& diagnostics, const Limits& limits = {}) {
  auto block = split_front_matter(source, diagnostics);
  if (!block.present) return Value();
  return parse_yaml(block.yaml, block.yaml_first_line, limits, diagnostics);
}

Value parse_ok(const std::string& source) {
  Diagnostics diagnostics;
  Value value = parse(source, diagnostics);
  CHECK_MESSAGE(diagnostics.empty(), (diagnostics.empty() ? "" : diagnostics[0].message));
  return value;
}

// The value of `key` in a one-key front matter "key: <yaml>".
Value scalar(const std::string& yaml) {
  Value root = parse_ok("---\nv: " + yaml + "\n---\n");
  const Value* v = root.find("v");
  return v ? *v : Value("<missing>");
}

const Diagnostic* find_code(const Diagnostics& diagnostics, const std::string& code) {
  for (const auto& d : diagnostics) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_SUITE("front_matter") {
  TEST_CASE("a post without front matter is all body") {
    Diagnostics d;
    std::string source = "# Hello\n\ntext\n";
    auto block = split_front_matter(source, d);
    CHECK_FALSE(block.present);
    CHECK(block.body == source);
    CHECK(block.body_first_line == 1);
    CHECK(block.body_offset == 0);
    CHECK(block.yaml.empty());
    CHECK(d.empty());
  }

  TEST_CASE("an empty file has no front matter, an empty body and no warnings") {
    Diagnostics d;
    auto block = split_front_matter("", d);
    CHECK_FALSE(block.present);
    CHECK(block.body.empty());
    CHECK(block.body_first_line == 1);
    CHECK(d.empty());
  }

  TEST_CASE("front matter is recognised only at the very start of the file") {
    Diagnostics d;
    CHECK_FALSE(split_front_matter("\n---\na: 1\n---\n", d).present);
    CHECK_FALSE(split_front_matter(" ---\na: 1\n---\n", d).present);
    CHECK_FALSE(split_front_matter("text\n---\na: 1\n---\n", d).present);
    CHECK_FALSE(split_front_matter("----\na: 1\n---\n", d).present);
    CHECK_FALSE(split_front_matter("---", d).present);  // a lone rule, not an opening fence
    CHECK(d.empty());
  }

  TEST_CASE("LF front matter reports YAML and body positions exactly") {
    Diagnostics d;
    std::string source = "---\ntitle: A\ntags: [x]\n---\nBody\n";
    auto block = split_front_matter(source, d);
    REQUIRE(block.present);
    CHECK(block.yaml == "title: A\ntags: [x]\n");
    CHECK(block.yaml_first_line == 2);
    CHECK(block.body == "Body\n");
    CHECK(block.body_first_line == 5);
    CHECK(block.body_offset == source.find("Body"));
    CHECK(d.empty());
  }

  TEST_CASE("a UTF-8 BOM before the opening fence is skipped") {
    Diagnostics d;
    std::string source = "\xEF\xBB\xBF---\ntitle: A\n---\nBody";
    auto block = split_front_matter(source, d);
    REQUIRE(block.present);
    CHECK(block.yaml == "title: A\n");
    CHECK(block.body == "Body");
    CHECK(block.body_first_line == 4);
    CHECK(block.body_offset == 3 + 4 + 9 + 4);
    CHECK(parse_ok(source).find("title")->as_string() == "A");
  }

  TEST_CASE("a BOM is not part of the body when there is no front matter") {
    Diagnostics d;
    auto block = split_front_matter("\xEF\xBB\xBF# Hi", d);
    CHECK_FALSE(block.present);
    CHECK(block.body == "# Hi");
    CHECK(block.body_offset == 3);
  }

  TEST_CASE("CRLF front matter splits at the CRLF after the closing fence") {
    Diagnostics d;
    std::string source = "---\r\ntitle: A\r\n---\r\nBody\r\n";
    auto block = split_front_matter(source, d);
    REQUIRE(block.present);
    CHECK(block.yaml == "title: A\r\n");
    CHECK(block.body == "Body\r\n");
    CHECK(block.body_first_line == 4);
    CHECK(block.body_offset == 5 + 10 + 5);
    CHECK(parse_ok(source) == Value(Value::Mapping{{"title", "A"}}));
  }

  TEST_CASE("CRLF front matter gives the same values as LF, block scalars included") {
    std::string lf = "---\ntitle: A\nlist:\n  - x\n  - y\nfolded: >\n  one\n  two\n\n  three\nlit: |\n  a\n  b\n---\n";
    std::string crlf;
    for (char c : lf) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    Value a = parse_ok(lf);
    Value b = parse_ok(crlf);
    CHECK(a == b);
    CHECK(b.find("folded")->as_string() == "one two\nthree\n");
    CHECK(b.find("lit")->as_string() == "a\nb\n");
  }

  TEST_CASE("a `...` line closes the front matter") {
    Diagnostics d;
    auto block = split_front_matter("---\na: 1\n...\nBody", d);
    REQUIRE(block.present);
    CHECK(block.yaml == "a: 1\n");
    CHECK(block.body == "Body");
    CHECK(block.body_first_line == 4);
  }

  TEST_CASE("trailing blanks on the fences are accepted, other text is not") {
    Diagnostics d;
    auto block = split_front_matter("--- \t\na: 1\n---  \nBody", d);
    REQUIRE(block.present);
    CHECK(block.yaml == "a: 1\n");
    CHECK(block.body == "Body");
    // "--- x" is not a closing fence, so this block is never closed.
    Diagnostics d2;
    CHECK_FALSE(split_front_matter("---\na: 1\n--- x\nBody", d2).present);
    CHECK(find_code(d2, "front-matter.unclosed") != nullptr);
  }

  TEST_CASE("an unclosed block warns at the opening fence and the whole file is body") {
    Diagnostics d;
    std::string source = "---\ntitle: A\n\nBody text\n";
    auto block = split_front_matter(source, d);
    CHECK_FALSE(block.present);
    CHECK(block.body == source);
    CHECK(block.body_first_line == 1);
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "front-matter.unclosed");
    CHECK(d[0].severity == Severity::warning);
    CHECK(d[0].line == 1);
    CHECK(d[0].column == 1);
  }

  TEST_CASE("a file that is only front matter has an empty body") {
    Diagnostics d;
    auto with_newline = split_front_matter("---\ntitle: A\n---\n", d);
    REQUIRE(with_newline.present);
    CHECK(with_newline.body.empty());
    CHECK(with_newline.body_offset == 17);
    auto without_newline = split_front_matter("---\ntitle: A\n---", d);
    REQUIRE(without_newline.present);
    CHECK(without_newline.yaml == "title: A\n");
    CHECK(without_newline.body.empty());
    CHECK(without_newline.body_offset == 16);
    CHECK(d.empty());
  }

  TEST_CASE("an empty front matter block is an empty mapping") {
    CHECK(parse_ok("---\n---\nBody") == Value(Value::Mapping{}));
    CHECK(parse_ok("---\n# only a comment\n---\n") == Value(Value::Mapping{}));
  }

  TEST_CASE("plain scalars are typed by the YAML 1.2 core schema") {
    CHECK(scalar("") == Value());
    CHECK(scalar("~") == Value());
    CHECK(scalar("null") == Value());
    CHECK(scalar("Null") == Value());
    CHECK(scalar("NULL") == Value());
    CHECK(scalar("true") == Value(true));
    CHECK(scalar("True") == Value(true));
    CHECK(scalar("TRUE") == Value(true));
    CHECK(scalar("false") == Value(false));
    CHECK(scalar("False") == Value(false));
    CHECK(scalar("FALSE") == Value(false));
    CHECK(scalar("42") == Value(42));
    CHECK(scalar("-17") == Value(-17));
    CHECK(scalar("+3") == Value(3));
    CHECK(scalar("0") == Value(0));
    CHECK(scalar("0o17") == Value(15));
    CHECK(scalar("0x1F") == Value(31));
    CHECK(scalar("0xff") == Value(255));
    CHECK(scalar("9223372036854775807") == Value(std::numeric_limits<std::int64_t>::max()));
    CHECK(scalar("-9223372036854775808") == Value(std::numeric_limits<std::int64_t>::min()));
    CHECK(scalar("3.5") == Value(3.5));
    CHECK(scalar("-0.25") == Value(-0.25));
    CHECK(scalar(".5") == Value(0.5));
    CHECK(scalar("1.") == Value(1.0));
    CHECK(scalar("1e3") == Value(1000.0));
    CHECK(scalar("6.02E+23") == Value(6.02e23));
    CHECK(scalar(".inf") == Value(std::numeric_limits<double>::infinity()));
    CHECK(scalar("-.Inf") == Value(-std::numeric_limits<double>::infinity()));
    CHECK(scalar("+.INF") == Value(std::numeric_limits<double>::infinity()));
    Value nan = scalar(".NaN");
    REQUIRE(nan.is_float());
    CHECK(std::isnan(nan.as_float()));
    CHECK(scalar("hello world") == Value("hello world"));
    CHECK(scalar("2024-05-01") == Value("2024-05-01"));  // timestamps stay text
  }

  TEST_CASE("YAML 1.1 forms that Jekyll reads differently follow YAML 1.2") {
    // Booleans of 1.1 are text in 1.2.
    for (const char* word : {"yes", "no", "on", "off", "y", "n", "Yes", "OFF"}) {
      CAPTURE(word);
      CHECK(scalar(word) == Value(word));
    }
    CHECK(scalar("0755") == Value(755));          // 1.1: octal 493
    CHECK(scalar("12:30:45") == Value("12:30:45"));  // 1.1: sexagesimal 45045
    CHECK(scalar("0b1010") == Value("0b1010"));   // 1.1: binary 10
    CHECK(scalar("1_000") == Value("1_000"));     // 1.1: 1000
    CHECK(scalar("=") == Value("="));             // 1.1: the "value" key type
    CHECK(scalar("-0o17") == Value("-0o17"));     // 1.2 octal has no sign
    CHECK(scalar("0x") == Value("0x"));
  }

#if POSTRENDER_YAML_CPP  // anchors, tags, complex keys, errors and limits need yaml-cpp
  TEST_CASE("a YAML 1.1 merge key `<<` is an ordinary key in YAML 1.2") {
    Value root = parse_ok("---\nbase: &b {x: 1}\npost:\n  <<: *b\n  y: 2\n---\n");
    const Value* post = root.find("post");
    REQUIRE(post != nullptr);
    CHECK(post->find("x") == nullptr);
    CHECK(*post->find("<<") == Value(Value::Mapping{{"x", 1}}));
    CHECK(post->find("y")->as_integer() == 2);
  }
#endif

  TEST_CASE("decimal integers beyond 64 bits become floats; hexadecimal ones stay text") {
    CHECK(scalar("99999999999999999999") == Value(1e20));
    CHECK(scalar("-9223372036854775809") == Value(-9223372036854775809.0));
    CHECK(scalar("0x10000000000000000") == Value("0x10000000000000000"));
  }

  TEST_CASE("quoted and block scalars stay strings") {
    CHECK(scalar("\"true\"") == Value("true"));
    CHECK(scalar("'42'") == Value("42"));
    CHECK(scalar("\"null\"") == Value("null"));
    CHECK(scalar("''") == Value(""));
    CHECK(scalar("\"3.5\"") == Value("3.5"));
    CHECK(scalar("|\n  42") == Value("42\n"));
    CHECK(scalar(">\n  true") == Value("true\n"));
    CHECK(scalar("\"tab\\there \\u00e9\"") == Value("tab\there \xC3\xA9"));
  }

#if POSTRENDER_YAML_CPP  // anchors, tags, complex keys, errors and limits need yaml-cpp
  TEST_CASE("explicit standard tags are honoured and other tags keep the text") {
    CHECK(scalar("!!str 42") == Value("42"));
    CHECK(scalar("!!str true") == Value("true"));
    CHECK(scalar("!!int \"42\"") == Value(42));
    CHECK(scalar("!!float 2") == Value(2.0));
    CHECK(scalar("!!bool \"true\"") == Value(true));
    CHECK(scalar("!!int abc") == Value("abc"));
    CHECK(scalar("!custom 42") == Value("42"));
  }
#endif

  TEST_CASE("sequences and mappings nest and mapping keys keep their order") {
    Value root = parse_ok("---\nzeta: 1\nalpha: [a, 2, {k: v}]\nmiddle:\n  b: x\n  a: y\n---\n");
    REQUIRE(root.is_mapping());
    const auto& entries = root.as_mapping();
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].first == "zeta");
    CHECK(entries[1].first == "alpha");
    CHECK(entries[2].first == "middle");
    CHECK(*root.find("alpha") == Value(Value::Sequence{"a", 2, Value::Mapping{{"k", "v"}}}));
    CHECK(root.find("middle")->as_mapping()[0].first == "b");
    CHECK(root.find("middle")->as_mapping()[1].first == "a");
  }

#if POSTRENDER_YAML_CPP  // anchors, tags, complex keys, errors and limits need yaml-cpp
  TEST_CASE("non-string keys become their text as written") {
    Value root = parse_ok("---\n1: one\n0x1F: hex\ntrue: yes\n~: nothing\n3.50: f\n? [a, b]\n: list\n---\n");
    REQUIRE(root.is_mapping());
    CHECK(root.find("1")->as_string() == "one");
    CHECK(root.find("0x1F")->as_string() == "hex");
    CHECK(root.find("true")->as_string() == "yes");
    CHECK(root.find("null")->as_string() == "nothing");
    CHECK(root.find("3.50")->as_string() == "f");
    CHECK(root.find("[a, b]")->as_string() == "list");
  }
#endif

  TEST_CASE("a repeated key keeps the last value in the first place and warns at the repeated key") {
    Diagnostics d;
    Value root = parse("---\ntitle: First\ntags: [a]\n  \ntitle: Second\n---\nBody\n", d);
    REQUIRE(root.is_mapping());
    CHECK(root.as_mapping().size() == 2);
    CHECK(root.as_mapping()[0].first == "title");
    CHECK(root.find("title")->as_string() == "Second");
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "yaml.duplicate-key");
    CHECK(d[0].severity == Severity::warning);
    CHECK(d[0].line == 5);
    CHECK(d[0].column == 1);
    CHECK(d[0].message.find("title") != std::string::npos);
  }

  TEST_CASE("a repeated key inside a nested mapping is found at its own line and column") {
    Diagnostics d;
    Value root = parse("---\nimage:\n  path: a.jpg\n  path: b.jpg\n---\n", d);
    CHECK(root.find("image")->find("path")->as_string() == "b.jpg");
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "yaml.duplicate-key");
    CHECK(d[0].line == 4);
    CHECK(d[0].column == 3);
  }

  TEST_CASE("duplicate keys reported out of order still get their own positions") {
    Diagnostics d;
    // The inner duplicate is found first (while its mapping is read), the outer one after it.
    parse("---\na: 1\na:\n  b: 1\n  b: 2\n---\n", d);
    REQUIRE(d.size() == 2);
    CHECK(d[0].message.find("\"b\"") != std::string::npos);
    CHECK(d[0].line == 5);
    CHECK(d[0].column == 3);
    CHECK(d[1].message.find("\"a\"") != std::string::npos);
    CHECK(d[1].line == 3);
    CHECK(d[1].column == 1);
  }

#if POSTRENDER_YAML_CPP  // anchors, tags, complex keys, errors and limits need yaml-cpp
  TEST_CASE("malformed YAML: broken indentation is an error at its line and column in the file") {
    Diagnostics d;
    Value root = parse("---\ntitle: A\nmeta:\n  b: 1\n c: 2\n---\nBody\n", d);
    CHECK(root.is_null());
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "yaml.syntax");
    CHECK(d[0].severity == Severity::error);
    CHECK(d[0].line == 5);
    CHECK(d[0].column == 2);
  }

  TEST_CASE("malformed YAML: a tab used for indentation is reported where it is") {
    Diagnostics d;
    Value root = parse("---\ntitle: A\n\ttags: b\n---\n", d);
    CHECK(root.is_null());
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "yaml.syntax");
    CHECK(d[0].message.find("tab") != std::string::npos);
    CHECK(d[0].line == 3);
    CHECK(d[0].column == 1);
  }

  TEST_CASE("malformed YAML: an unclosed flow sequence is reported at the end of the block") {
    Diagnostics d;
    Value root = parse("---\ntitle: A\ntags: [a, b\n---\nBody\n", d);
    CHECK(root.is_null());
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "yaml.syntax");
    CHECK(d[0].line == 4);  // yaml-cpp notices at the end of the YAML text: the closing fence's line
    CHECK(d[0].column == 1);
  }

  TEST_CASE("malformed YAML: a bad escape is reported on its line, columns counted in code points") {
    Diagnostics d;
    Value root = parse("---\ntitle: A\n제목: \"\\q\"\n---\n", d);
    CHECK(root.is_null());
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "yaml.syntax");
    CHECK(d[0].message.find("escape") != std::string::npos);
    CHECK(d[0].line == 3);
    CHECK(d[0].column == 8);  // yaml-cpp points just after "\q": 제 목 : space " \ q, then column 8
  }

  TEST_CASE("YAML error positions count from the real first line after a BOM and CRLF") {
    Diagnostics d;
    parse("\xEF\xBB\xBF---\r\na: 1\r\nb: \"\\q\"\r\n---\r\n", d);
    REQUIRE(d.size() == 1);
    CHECK(d[0].line == 3);
    CHECK(d[0].column == 7);
  }

  TEST_CASE("billion-laughs aliases are bounded by max_yaml_nodes") {
    std::string yaml = "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    std::string previous = "a";
    for (char name = 'b'; name <= 'j'; ++name) {
      yaml += std::string(1, name) + ": &" + name + " [" + repeat("*" + previous + ", ", 9) + "*" + previous + "]\n";
      previous = std::string(1, name);
    }
    yaml += "---\nBody\n";
    Diagnostics d;
    Value root = parse(yaml, d);
    CHECK(root.is_null());
    const Diagnostic* limit = find_code(d, "limit.yaml");
    REQUIRE(limit != nullptr);
    CHECK(limit->line > 0);
  }

  TEST_CASE("aliases within the limits are expanded") {
    Value root = parse_ok("---\nbase: &b {x: 1}\ncopy: *b\n---\n");
    CHECK(*root.find("copy") == Value(Value::Mapping{{"x", 1}}));
  }

  TEST_CASE("a recursive alias is rejected with limit.yaml, not expanded forever") {
    Diagnostics d;
    Value root = parse("---\na: &x [1, *x]\n---\n", d);
    CHECK(root.is_null());
    const Diagnostic* limit = find_code(d, "limit.yaml");
    REQUIRE(limit != nullptr);
    CHECK(limit->line == 2);
    CHECK(limit->column == 11);
  }

  TEST_CASE("an alias counts the depth of the value it expands to") {
    Limits limits;
    limits.max_yaml_depth = 4;
    Diagnostics ok;
    CHECK(parse("---\na: &x [1]\nb: [*x]\n---\n", ok, limits).is_mapping());
    CHECK(ok.empty());
    Diagnostics d;
    CHECK(parse("---\na: &x [1]\nb: [[*x]]\n---\n", d, limits).is_null());
    REQUIRE(find_code(d, "limit.yaml") != nullptr);
  }

  TEST_CASE("a front matter with more values than max_yaml_nodes stops at the limit") {
    Diagnostics d;
    Value root = parse("---\n" + repeat("- a\n", 100000) + "---\nBody\n", d);
    CHECK(root.is_null());
    const Diagnostic* limit = find_code(d, "limit.yaml");
    REQUIRE(limit != nullptr);
    // The list itself is value 1, so value 10001 is item 10000, on file line 10001.
    CHECK(limit->line == 10001);
    Limits small;
    small.max_yaml_nodes = 3;
    Diagnostics d2;
    CHECK(parse("---\n[a, b]\n---\n", d2, small).is_sequence());  // exactly 3 values
    CHECK(parse("---\n[a, b, c]\n---\n", d2, small).is_null());
  }

  TEST_CASE("nesting deeper than max_yaml_depth is rejected with limit.yaml") {
    Limits limits;
    limits.max_yaml_depth = 8;
    Diagnostics d;
    Value root = parse("---\na: " + repeat("[", 10) + repeat("]", 10) + "\n---\n", d, limits);
    CHECK(root.is_null());
    REQUIRE(find_code(d, "limit.yaml") != nullptr);
    Diagnostics ok;
    Value shallow = parse("---\na: " + repeat("[", 6) + repeat("]", 6) + "\n---\n", ok, limits);
    CHECK(shallow.is_mapping());
    CHECK(ok.empty());
  }

  TEST_CASE("100000 nested flow sequences or mappings do not overflow the stack") {
    for (const char* open : {"[", "{a: ", "[&x "}) {
      CAPTURE(open);
      Diagnostics d;
      Value root = parse("---\nkey: " + repeat(open, 100000) + "\n---\nBody\n", d);
      CHECK(root.is_null());
      REQUIRE_FALSE(d.empty());
      CHECK((d[0].code == "limit.yaml" || d[0].code == "yaml.syntax"));
    }
    Diagnostics balanced;
    CHECK(parse("---\nkey: " + repeat("[", 100000) + repeat("]", 100000) + "\n---\n", balanced).is_null());
    REQUIRE(find_code(balanced, "limit.yaml") != nullptr);
  }

  TEST_CASE("100000 nested block sequences do not overflow the stack") {
    Diagnostics d;
    Value root = parse("---\n" + repeat("- ", 100000) + "x\n---\n", d);
    CHECK(root.is_null());
    REQUIRE(find_code(d, "limit.yaml") != nullptr);
  }

  TEST_CASE("a top-level scalar or list is kept but reported as not a mapping") {
    Diagnostics d;
    Value text = parse("---\njust some text\n---\nBody\n", d);
    CHECK(text == Value("just some text"));
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "front-matter.not-mapping");
    CHECK(d[0].line == 2);
    CHECK(d[0].column == 1);

    Diagnostics d2;
    Value list = parse("---\n- a\n- b\n---\n", d2);
    CHECK(list == Value(Value::Sequence{"a", "b"}));
    REQUIRE(d2.size() == 1);
    CHECK(d2[0].code == "front-matter.not-mapping");
  }
#endif

  TEST_CASE("the seed post's front matter parses into the expected tree") {
    std::string path = POSTRENDER_SHARED_DIR "/seed/000_df5a8b09b0ad8a9a.txt";
    Diagnostics d;
    std::string source;
    {
      FILE* file = std::fopen(path.c_str(), "rb");
      REQUIRE_MESSAGE(file != nullptr, path);
      char buffer[4096];
      std::size_t n;
      while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) source.append(buffer, n);
      std::fclose(file);
    }
    auto block = split_front_matter(source, d);
    REQUIRE(block.present);
    CHECK(block.yaml_first_line == 2);
    CHECK(block.body_first_line == 13);
    Value root = parse_yaml(block.yaml, block.yaml_first_line, Limits{}, d);
    CHECK(d.empty());
    REQUIRE(root.is_mapping());
    CHECK(root.as_mapping().size() == 5);
    CHECK(root.find("title")->as_string() == "혁신성장 조달청과 메인비즈의 특별한 협력!");
    CHECK(*root.find("categories") == Value(Value::Sequence{"고용"}));
    CHECK(root.find("image")->as_string() == "/assets/img/newsdao_breakingnews.jpg");
    // Folded scalar: one line, single trailing newline.
    const std::string& excerpt = root.find("excerpt")->as_string();
    CHECK(excerpt.rfind("조달청-메인비즈 간담회: 혁신성장 방안 논의  조달청과", 0) == 0);
    CHECK(excerpt.find('\n') == excerpt.size() - 1);
    // The blank line inside the folded feature_text stays a line break.
    const std::string& feature = root.find("feature_text")->as_string();
    CHECK(feature.rfind("## seoulnews 실시간 뉴스 속보입니다.\n조달청-메인비즈", 0) == 0);
  }

#if POSTRENDER_YAML_CPP  // anchors, tags, complex keys, errors and limits need yaml-cpp
  TEST_CASE("parse_front_matter returns the tree and diagnostics through the public API") {
    Diagnostics d;
    Value root = postrender::parse_front_matter("---\ntitle: T\nn: 3\n---\nBody", &d);
    CHECK(root == Value(Value::Mapping{{"title", "T"}, {"n", 3}}));
    CHECK(d.empty());
    CHECK(postrender::parse_front_matter("no front matter").is_null());
    Value bad = postrender::parse_front_matter("---\na: [\n---\n", &d);
    CHECK(bad.is_null());
    REQUIRE(find_code(d, "yaml.syntax") != nullptr);
  }

  TEST_CASE("malformed front matter leaves metadata null and the body is still rendered") {
    auto post = postrender::render("---\ntitle: A\ntags: [a, b\n---\nBody text here\n");
    CHECK(post.front_matter.is_null());
    CHECK(post.title.empty());
    CHECK(post.html.find("Body text here") != std::string::npos);
    const Diagnostic* error = find_code(post.warnings, "yaml.syntax");
    REQUIRE(error != nullptr);
    CHECK(error->line == 4);
  }
#endif

  TEST_CASE("an unclosed front matter renders the whole file through render()") {
    auto post = postrender::render("---\ntitle: A\nBody text here\n");
    CHECK(post.front_matter.is_null());
    CHECK(post.title.empty());
    CHECK(post.html.find("Body text here") != std::string::npos);
    REQUIRE(find_code(post.warnings, "front-matter.unclosed") != nullptr);
  }
}
