"""Public notices (公示) and published lists (名单) of reserve cadres (rules P1–P5).

Pure parts: `period` (dates), `context` (the allow-list: the only path from roster data
to a template), `grouping` (one document per unit). Edges: `sandbox`, `render_docx`,
`render_text` (templates) and `batch` (the files written).
"""
