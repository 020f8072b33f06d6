#include "ingest/html_text.h"

#include <gumbo.h>

#include <cctype>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace replylint {
namespace {

// ---- the nesting guard -------------------------------------------------------------

// Gumbo's tree construction scans the stack of open elements and the list
// of active formatting elements at every tag, so its time grows with the
// square of the nesting: 200 000 nested <div> took minutes, as many <b>
// tens of gigabytes. A first pass keeps at most kMaxDepth elements open:
// a start tag deeper than that is left out with its end tag, its text kept.
constexpr size_t kMaxDepth = 128;

bool IsVoid(const std::string& name) {
  static const char* kVoid[] = {"area", "base", "br",    "col",   "embed", "hr",  "img",
                                "input", "link", "meta", "param", "source", "track", "wbr"};
  for (const char* v : kVoid) {
    if (name == v) return true;
  }
  return false;
}

// Elements a sibling of the same name closes (<p><p>, <li><li>): Gumbo never
// nests them deep, so they are not counted.
bool ClosedBySibling(const std::string& name) {
  return name == "p" || name == "li" || name == "td" || name == "th" || name == "tr" || name == "option" ||
         name == "dt" || name == "dd";
}

// Elements whose content is text up to their end tag (no tags inside).
bool IsRawText(const std::string& name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" || name == "xmp" ||
         name == "iframe" || name == "noembed" || name == "noframes" || name == "plaintext";
}

// Case-insensitive search for "</name" from `from`; npos when absent.
size_t FindEndTag(std::string_view html, const std::string& name, size_t from) {
  for (size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (i + 2 + name.size() > html.size()) return std::string_view::npos;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k) {
      same = std::tolower(static_cast<unsigned char>(html[i + 2 + k])) == name[k];
    }
    if (same) return i;
  }
  return std::string_view::npos;
}

// The end of a tag starting at `lt` (one past its '>'), skipping quoted
// attribute values; html.size() when it never ends.
size_t TagEnd(std::string_view html, size_t lt) {
  char quote = 0;
  for (size_t i = lt + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return html.size();
}

// `html` with the start tags nested deeper than kMaxDepth (and their end
// tags) left out; *dropped counts them. Linear in the input.
std::string LimitNesting(std::string_view html, size_t* dropped) {
  std::string out;
  out.reserve(html.size());
  size_t depth = 0;
  std::unordered_map<std::string, size_t> left_out;  // start tags left out, by name, whose end tag is to drop
  std::unordered_map<std::string, size_t> open;      // start tags counted in depth, by name
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) {
      out.append(html.substr(i));
      break;
    }
    out.append(html.substr(i, lt - i));
    const bool end_tag = lt + 1 < html.size() && html[lt + 1] == '/';
    const size_t name_at = lt + (end_tag ? 2 : 1);
    if (html.compare(lt, 4, "<!--") == 0) {  // a comment, copied whole
      const size_t close = html.find("-->", lt + 4);
      const size_t stop = close == std::string_view::npos ? html.size() : close + 3;
      out.append(html.substr(lt, stop - lt));
      i = stop;
      continue;
    }
    if (name_at >= html.size() || !std::isalpha(static_cast<unsigned char>(html[name_at]))) {
      out += '<';  // not a tag: "<!DOCTYPE", "<?xml", "a < b"
      i = lt + 1;
      continue;
    }
    std::string name;
    for (size_t k = name_at; k < html.size() && std::isalnum(static_cast<unsigned char>(html[k])); ++k) {
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[k])));
    }
    const size_t stop = TagEnd(html, lt);
    const std::string_view tag = html.substr(lt, stop - lt);
    i = stop;
    if (end_tag) {
      if (auto it = left_out.find(name); it != left_out.end() && it->second > 0) {
        --it->second;
        continue;
      }
      // An end tag with no start (Gumbo ignores it) must not lower the
      // count, or "<div></x>" repeated would nest without limit.
      if (auto it = open.find(name); it != open.end() && it->second > 0) {
        --it->second;
        --depth;
      }
      out.append(tag);
      continue;
    }
    const bool self_closing = tag.size() >= 2 && tag[tag.size() - 2] == '/';
    if (IsRawText(name)) {  // copied with its content: the tags inside are text
      const size_t close = FindEndTag(html, name, stop);
      const size_t end = close == std::string_view::npos ? html.size() : TagEnd(html, close);
      out.append(html.substr(lt, end - lt));
      i = end;
      continue;
    }
    if (IsVoid(name) || self_closing || ClosedBySibling(name)) {
      out.append(tag);
      continue;
    }
    if (depth >= kMaxDepth) {
      ++left_out[name];
      ++*dropped;
      continue;
    }
    ++depth;
    ++open[name];
    out.append(tag);
  }
  return out;
}

// ---- the text ------------------------------------------------------------------

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
      return true;
    default:
      return false;
  }
}

bool Dropped(GumboTag t) {
  return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_HEAD || t == GUMBO_TAG_TITLE ||
         t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE;
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a != nullptr ? a->value : nullptr;
}

// Quoted earlier mail, as mail programs mark it.
bool IsQuote(const GumboElement& e) {
  if (e.tag == GUMBO_TAG_BLOCKQUOTE) return true;
  const char* cls = Attr(e, "class");
  if (cls != nullptr && (std::strstr(cls, "gmail_quote") != nullptr || std::strstr(cls, "yahoo_quoted") != nullptr ||
                         std::strstr(cls, "moz-cite-prefix") != nullptr)) {
    return true;
  }
  const char* id = Attr(e, "id");
  return id != nullptr && (std::strcmp(id, "divRplyFwdMsg") == 0 || std::strcmp(id, "appendonsend") == 0);
}

class Writer {
 public:
  void Text(std::string_view s) {
    // Runs of HTML white space are one space; a line starts without one.
    for (char c : s) {
      const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (space) {
        pending_space_ = !out_.empty() && out_.back() != '\n';
        continue;
      }
      if (pending_space_) out_ += ' ';
      pending_space_ = false;
      out_ += c;
    }
  }
  void Raw(std::string_view s) {
    pending_space_ = false;
    out_ += s;
  }
  void Break() {
    pending_space_ = false;
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    out_ += '\n';
  }
  // Ends the current line unless one just ended (a block's edge).
  void Block() {
    if (!out_.empty() && out_.back() != '\n') Break();
  }
  bool AtLineStart() const { return out_.empty() || out_.back() == '\n'; }
  std::string Take() {
    // No blank-line runs longer than one, no white space at the ends.
    std::string t;
    size_t newlines = 0;
    for (char c : out_) {
      if (c == '\n') {
        if (++newlines > 2) continue;
      } else {
        newlines = 0;
      }
      t += c;
    }
    const size_t b = t.find_first_not_of(" \n");
    if (b == std::string::npos) return {};
    const size_t e = t.find_last_not_of(" \n");
    return t.substr(b, e - b + 1);
  }

 private:
  std::string out_;
  bool pending_space_ = false;
};

}  // namespace

HtmlText HtmlToText(std::string_view input) {
  HtmlText result;
  const std::string html = LimitNesting(input, &result.tags_dropped);
  GumboOutput* doc = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  Writer w;
  // Iterative walk: a frame is a node to enter, or (exit set) the element to
  // close after its children.
  struct Frame {
    const GumboNode* node;
    bool exit;
  };
  std::vector<Frame> stack{{doc->root, false}};
  bool quote_after = false;  // Outlook: everything after divRplyFwdMsg is the quoted mail
  while (!stack.empty() && !quote_after) {
    const Frame f = stack.back();
    stack.pop_back();
    const GumboNode* n = f.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      w.Text(n->v.text.text);
      continue;
    }
    if (n->type == GUMBO_NODE_WHITESPACE) {
      w.Text(" ");
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE && n->type != GUMBO_NODE_DOCUMENT) continue;
    if (n->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& kids = n->v.document.children;
      for (unsigned i = kids.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids.data[i]), false});
      continue;
    }
    const GumboElement& e = n->v.element;
    if (f.exit) {
      if (e.tag == GUMBO_TAG_A) {
        const char* href = Attr(e, "href");
        if (href != nullptr && std::strncmp(href, "mailto:", 7) != 0 && href[0] != '#' && href[0] != '\0') {
          w.Raw(" (");
          w.Raw(href);
          w.Raw(")");
        }
      } else if (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) {
        w.Text(" ");
      } else if (IsBlock(e.tag)) {
        w.Block();
      }
      continue;
    }
    if (Dropped(e.tag)) continue;
    if (IsQuote(e)) {
      ++result.quotes_dropped;
      const char* id = Attr(e, "id");
      if (id != nullptr && (std::strcmp(id, "divRplyFwdMsg") == 0 || std::strcmp(id, "appendonsend") == 0)) {
        quote_after = true;
      }
      continue;
    }
    if (e.tag == GUMBO_TAG_BR) {
      w.Break();
      continue;
    }
    if (e.tag == GUMBO_TAG_IMG) {
      const char* alt = Attr(e, "alt");
      if (alt != nullptr) w.Text(alt);
      continue;
    }
    if (IsBlock(e.tag)) w.Block();
    if (e.tag == GUMBO_TAG_LI) w.Raw("- ");
    stack.push_back({n, true});
    // An <a> whose text is its address gets it once, not twice.
    const GumboVector& kids = e.children;
    if (e.tag == GUMBO_TAG_A && kids.length == 1) {
      const auto* only = static_cast<const GumboNode*>(kids.data[0]);
      const char* href = Attr(e, "href");
      if (only->type == GUMBO_NODE_TEXT && href != nullptr && std::strcmp(only->v.text.text, href) == 0) {
        stack.pop_back();
        w.Text(href);
        continue;
      }
    }
    for (unsigned i = kids.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids.data[i]), false});
  }
  gumbo_destroy_output(&kGumboDefaultOptions, doc);
  result.text = w.Take();
  return result;
}

}  // namespace replylint
