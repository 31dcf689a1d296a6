"""Makefile, CI (GitHub Actions, GitLab CI), pre-commit and .gitignore of a new commune."""

MAKEFILE = """\
# The action program (PAC) of @COMMUNE_LABEL@, checked and reported by pam.
#   make validate   check the plan and the progress cards (CI runs it on every commit)
#   make reports    build the reports into reports/ (CI keeps them as an artifact)
#   make site       build the public website and open data into site/, with the reports of
#                   reports/ when made (CI publishes it on GitHub or GitLab Pages)
#   make status     where the program stands today
# pam must be on PATH: pip install "@PAM_SOURCE@"
# (or PAM=/path/to/pam make validate).
PAM    ?= pam
PLAN   ?= plan
OUT    ?= reports
SITE   ?= site
# GitHub Actions shows problems on the changed lines with --format github.
FORMAT ?= $(if $(filter true,$(GITHUB_ACTIONS)),github,text)

.PHONY: help validate reports site status

help:
\t@echo "make validate | make reports | make site | make status   (plan: $(PLAN), reports: $(OUT), site: $(SITE))"

validate:
\t$(PAM) validate --plan $(PLAN) --format $(FORMAT)

reports:
\t$(PAM) report all --strict --plan $(PLAN) --out $(OUT)
\t$(PAM) report all --strict --plan $(PLAN) --out $(OUT) --lang fr

site:
\t$(PAM) site --plan $(PLAN) --out $(SITE) $(if $(wildcard $(OUT)/index.html),--reports $(OUT))

status:
\t$(PAM) status --plan $(PLAN)
"""

GITHUB = """\
# CI of the action program (PAC) of @COMMUNE_LABEL@, written by `pam init`.
# On every push and pull request: check the plan and the cards (make validate), build the
# reports (make reports) and the public website with its open data (make site), and keep both
# as artifacts. On the default branch, also publish the website, with the reports inside it,
# on GitHub Pages (Settings > Pages > Source: GitHub Actions): no server of the commune's own.
name: pam
on:
  push:
  pull_request:
  workflow_dispatch:
permissions:
  contents: read
concurrency:
  group: pam-${{ github.ref }}
  cancel-in-progress: true
env:
  # Where pip installs pam from. To change it without editing this file, set the repository
  # variable PAM_SOURCE (Settings > Secrets and variables > Actions > Variables), e.g.
  # git+https://github.com/<owner>/pam@v0.1.0 to pin a tag. Never `pip install pam`: the
  # package named pam on PyPI is another project.
  PAM_SOURCE: "${{ vars.PAM_SOURCE || '@PAM_SOURCE@' }}"
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # pam validate reads the report/* tags: published periods are frozen
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install pam
        run: python -m pip install "$PAM_SOURCE"
      - name: Check the plan and the cards
        run: make validate
      - name: Build the reports
        run: make reports
      - name: Build the website and the open data
        run: make site
      - name: Keep the reports
        uses: actions/upload-artifact@v4
        with:
          name: reports
          path: reports/
      - name: Keep the website
        uses: actions/upload-artifact@v4
        with:
          name: site
          path: site/
          include-hidden-files: true
      - name: Prepare the website for GitHub Pages
        if: github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch
        uses: actions/upload-pages-artifact@v3
        with:
          path: site/
  pages:
    needs: check
    if: github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deploy.outputs.page_url }}
    steps:
      - id: deploy
        uses: actions/deploy-pages@v4
"""

GITLAB = """\
# CI of the action program (PAC) of @COMMUNE_LABEL@, written by `pam init`.
# On every push and merge request: check the plan and the cards (make validate), build the
# reports (make reports) and the public website with its open data (make site), and keep them
# as artifacts. On the default branch, also publish the website, with the reports inside it,
# on GitLab Pages (the `pages` job): no server of the commune's own.
variables:
  # Where pip installs pam from. To change it without editing this file, set the CI/CD
  # variable PAM_SOURCE (Settings > CI/CD > Variables), e.g. git+https://<host>/<owner>/pam@v0.1.0.
  # Never `pip install pam`: the package named pam on PyPI is another project.
  PAM_SOURCE: "@PAM_SOURCE@"
  GIT_DEPTH: "0"  # pam validate reads the report/* tags: published periods are frozen
  PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"

default:
  image: python:3.12  # has git and make
  cache:
    paths:
      - .cache/pip

stages:
  - check
  - report
  - deploy

validate:
  stage: check
  script:
    - python -m pip install "$PAM_SOURCE"
    - make validate

reports:
  stage: report
  script:
    - python -m pip install "$PAM_SOURCE"
    - make reports
    - make site
  artifacts:
    name: reports
    paths:
      - reports/
      - site/
    expire_in: 90 days

pages:
  stage: deploy
  needs:
    - reports
  script:
    - rm -rf public
    - cp -r site public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""

PRE_COMMIT_REMOTE = """\
# pre-commit runs `pam validate` before every commit that touches plan/ (https://pre-commit.com).
# Once per clone:   pip install pre-commit && pre-commit install
# By hand:          pre-commit run --all-files
repos:
  - repo: @PAM_REPO@
    # A tag (or commit) of pam; `pre-commit autoupdate` moves it to the newest tag.
    rev: @PAM_REV@
    hooks:
      - id: pam-validate
"""

PRE_COMMIT_LOCAL = """\
# pre-commit runs `pam validate` before every commit that touches plan/ (https://pre-commit.com).
# Once per clone:   pip install pre-commit && pre-commit install
# By hand:          pre-commit run --all-files
# This hook runs the pam installed on PATH (pip install "@PAM_SOURCE@").
repos:
  - repo: local
    hooks:
      - id: pam-validate
        name: pam validate
        entry: pam validate --plan plan
        language: system
        pass_filenames: false
        files: '^plan/.*\\.ya?ml$'
"""

GITIGNORE = """\
# pam's caches
.pam-cache/
# Built by `make reports` and `make site`; CI keeps them as artifacts and publishes the site.
# Delete these lines to keep them in git too.
/reports/
/site/
# Python
__pycache__/
.venv/
"""
