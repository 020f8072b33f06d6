#include "ingest/html_text.h"

#include <gumbo.h>

#include <cstring>
#include <vector>

namespace replylint {
namespace {

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

HtmlText HtmlToText(std::string_view html) {
  HtmlText result;
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
