// Rendering a Document as Markdown (GitHub-flavoured, with traces in HTML comments) or as one
// standalone HTML5 file (inline print-friendly CSS, no script, traces in data- attributes).
#ifndef POLICYC_GEN_TEXT_RENDERERS_H
#define POLICYC_GEN_TEXT_RENDERERS_H

#include "gen/text/TextDocument.h"

namespace llvm {
class raw_ostream;
}

namespace policyc::gen::text {

void renderMarkdown(const Document &document, llvm::raw_ostream &out);
/// One section alone, from its heading on (golden tests compare sections one by one).
void renderMarkdownSection(const Section &section, llvm::raw_ostream &out);

void renderHtml(const Document &document, llvm::raw_ostream &out);
void renderHtmlSection(const Section &section, llvm::raw_ostream &out);

} // namespace policyc::gen::text

#endif
