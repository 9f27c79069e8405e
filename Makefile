# cadre — set-up and everyday commands. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ASOF   := 2026-12-01

.PHONY: install demo demo-run test lint bench samples templates clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m compileall -q cadre_cli
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

# ruff, configured in pyproject.toml ([tool.ruff]); .ci/run calls it before the tests.
lint: $(STAMP)
	$(BIN)/python -m ruff check .

# A real job on sample_data/: score the defense sheet, audit the roster, publish the list.
# The audit runs in a pseudo-terminal (`script`), as a user sees it: colours, tables, progress bar.
demo: $(STAMP)
	@$(MAKE) --no-print-directory demo-run

# The demo's commands alone, without the install step (the tests run them in a copy of sample_data/).
# --force: re-running the demo overwrites its own outputs instead of stopping on 已存在.
CADRE := $(BIN)/cadre
IN_PTY = if script -qec true /dev/null >/dev/null 2>&1; then script -qec "$(1)" /dev/null; else $(1); fi
demo-run:
	$(CADRE) score sample_data/答辩测评成绩.xlsx --force
	@echo ""
	@echo "注意：示例名册 sample_data/后备干部名册.xlsx 中故意放了超龄、年度考核基本称职、身份证号有误、重复录入等问题，"
	@echo "      用来演示审核：审核发现错误级问题时退出码为1；两个镇的名单因出生年月有误而不生成（退出码2），都是示例有意如此。"
	@$(call IN_PTY,$(CADRE) audit sample_data/后备干部名册.xlsx --as-of $(ASOF) --force) || [ $$? -eq 1 ]
	$(CADRE) notice sample_data/后备干部名册.xlsx --by 单位 --force || [ $$? -eq 2 ]
	@echo ""
	@echo "演示完成。输出文件："
	@echo "  成绩：sample_data/答辩测评成绩_成绩.xlsx"
	@echo "  审核：sample_data/后备干部名册_审核结果.xlsx（名册中故意放入的错误已标红、标黄）"
	@echo "  名单：sample_data/后备干部名册_名单/（每个单位一份 .docx 和 .html；中枢镇、白水镇的名单要等名册改正后才生成）"

# The scripts run as modules from the top folder (no sys.path edits): python -m bench.run etc.
# The package is byte-compiled first: measured as installed, not with its sources
# compiled again on every run (which a PYTHONDONTWRITEBYTECODE shell would do).
bench: $(STAMP)
	$(BIN)/python -m compileall -q cadre_cli
	$(BIN)/python -m bench.run

samples: $(STAMP)
	$(BIN)/python -m sample_data.make_samples
	$(BIN)/python -m sample_data.make_lrmx_samples

templates: $(STAMP)
	$(BIN)/python -m scripts.make_templates

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache bench/out
