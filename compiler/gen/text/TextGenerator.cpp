// gen text: the policy as a privacy policy people read, in Markdown or HTML
// (docs/text-generation.md).
#include "gen/Generator.h"

#include "gen/text/Completeness.h"
#include "gen/text/DocumentBuilder.h"
#include "gen/text/Renderers.h"

#include "llvm/Support/raw_ostream.h"

#include <cassert>

namespace policyc::gen {

bool generateText(const GeneratorContext &context, llvm::raw_ostream &out) {
  const std::string &format = context.options.textFormat;
  bool html = format == "html";
  assert((html || format == "md") && "the driver accepts only --format=md|html");
  if (!html && format != "md")
    return false;
  // An incomplete header is a warning: the text is still right, only not complete.
  text::reportIncompleteHeader(context.model, context.diags);
  const std::string &layerName = context.options.textLayer;
  text::Layer layer = layerName == "short"  ? text::Layer::Short
                      : layerName == "both" ? text::Layer::Both
                                            : text::Layer::Full;
  assert((layer != text::Layer::Full || layerName == "full") &&
         "the driver accepts only --layer=full|short|both");
  text::Document document =
      text::buildDocument(context.model, context.sources, context.options.sourcePath, layer);
  std::string rendered;
  llvm::raw_string_ostream stream(rendered);
  if (html)
    text::renderHtml(document, stream, context.options.textCss);
  else
    text::renderMarkdown(document, stream);
  stream.flush();
  // Exactly one line break at the end, whatever the last block was.
  llvm::StringRef trimmed = llvm::StringRef(rendered).rtrim('\n');
  out << trimmed << "\n";
  return true;
}

} // namespace policyc::gen
