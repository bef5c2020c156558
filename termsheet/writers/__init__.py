"""Writers: one module per output format, each reading only the `Document` model.

- ``markdown.write_markdown(doc) -> str`` — for plain-text review and version control;
- ``html.write_html(doc, templates=…) -> str`` — a self-contained page;
- ``pdf.write_pdf(doc, templates=…, …) -> bytes`` — the HTML page laid out by WeasyPrint,
  or (``pdf_engine="typst"``) the document laid out by Typst (``typst_pdf``);
- ``docx.write_docx(doc, templates=…) -> bytes`` — Word, styled by ``reference.docx``.

Writers never compute numbers (`termsheet.document.transforms` does, once) and never look
at the input model. Each raises `termsheet.document.nodes.unknown_node` for a node
type it does not handle, so a new node type shows every writer to update.
Import a writer module only when its format is requested: some are slow to import.
"""
