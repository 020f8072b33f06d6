// Loading YAML the way the docs promise: one document per file and no key
// twice in a mapping. yaml-cpp's Load reads the first document and keeps
// the first of two equal keys without a word, so a second `---` section or
// a repeated key in a configuration or template silently did nothing.
//
// The text is read with libyaml, whose scanner is about eight times faster
// than yaml-cpp's, into the yaml-cpp nodes the rest of the code reads, with
// the marks yaml-cpp would give them (line, and column and offset in bytes).
// Where libyaml reports an error, yaml-cpp reads the text again, so an error
// message is yaml-cpp's, and a text only yaml-cpp accepts is still read.
//
// Pipeline position: rules (configuration, rule files, templates).
// Thread-safety: a pure function.
#ifndef REPLYLINT_RULES_YAML_STRICT_H_
#define REPLYLINT_RULES_YAML_STRICT_H_

#include <yaml-cpp/yaml.h>

#include <string>

namespace replylint {

// Like YAML::Load, but also throws YAML::ParserException (with the mark of
// the offending place) for a second non-empty document or a key repeated in
// one mapping.
YAML::Node LoadStrictYaml(const std::string& text);

}  // namespace replylint

#endif  // REPLYLINT_RULES_YAML_STRICT_H_
