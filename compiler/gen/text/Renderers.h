// Rendering a Document as Markdown (GitHub-flavoured, with traces in HTML comments) or as one
// standalone HTML5 file (inline CSS for screens, phones and print, no script, traces in data-
// attributes). Both make the policy's web and e-mail addresses links (WebLinks.h).
#ifndef POLICYC_GEN_TEXT_RENDERERS_H
#define POLICYC_GEN_TEXT_RENDERERS_H

#include "gen/text/TextDocument.h"

#include "llvm/ADT/StringRef.h"

namespace llvm {
class raw_ostream;
}

namespace policyc::gen::text {

void renderMarkdown(const Document &document, llvm::raw_ostream &out);
/// One section alone, from its heading on (golden tests compare sections one by one).
void renderMarkdownSection(const Section &section, llvm::raw_ostream &out);

/// `authorCss` (policyc gen text --css) is embedded after the built-in style.
void renderHtml(const Document &document, llvm::raw_ostream &out,
                llvm::StringRef authorCss = llvm::StringRef());
void renderHtmlSection(const Section &section, llvm::raw_ostream &out);

} // namespace policyc::gen::text

#endif
