# cadre — set-up and everyday commands. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ASOF   := 2026-12-01

.PHONY: install demo test bench samples clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -m compileall -q cadre_cli
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

# A real job on sample_data/: score the defense sheet, audit the roster, publish the list.
# `cadre audit` exits 1 when it finds errors, which the sample roster has on purpose; `cadre notice`
# exits 2 because two towns' lists hold a birth month it will not publish (the other lists are written).
demo: $(STAMP)
	$(BIN)/cadre score sample_data/答辩测评成绩.xlsx --force
	$(BIN)/cadre audit sample_data/后备干部名册.xlsx --as-of $(ASOF) --force || [ $$? -eq 1 ]
	$(BIN)/cadre notice sample_data/后备干部名册.xlsx --by 单位 --output sample_data/名单 --force || [ $$? -eq 2 ]
	@echo ""
	@echo "演示完成。输出文件："
	@echo "  成绩：sample_data/答辩测评成绩_成绩.xlsx"
	@echo "  审核：sample_data/后备干部名册_审核结果.xlsx"
	@echo "  名单：sample_data/名单/（每个单位一份 .docx 和 .html）"

bench: $(STAMP)
	$(BIN)/python bench/run.py

samples: $(STAMP)
	$(BIN)/python sample_data/make_samples.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis bench/out
