#!/usr/bin/env bash
# Remake report-html.png and report-xlsx.png: the Lào Cai example, quarter
# 4/2026 as of 27/11/2026, after the README's three submissions and a register
# of yearly reports (IV.1.b, due 30/10) that some agencies sent on time, some
# late. Needs the Debian packages chromium, libreoffice-calc-nogui and
# poppler-utils. Run from the repository root: bash docs/images/make-images.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BMNN_DB="$work/bmnn.db"
as_of=(--as-of 2026-11-27)

bmnn import examples/lao-cai/bmnn-2026.toml >/dev/null
bmnn submit --task IV.1.a --agency "so tu phap" --date 25/02/2026 --ref 45/KH-STP "${as_of[@]}"
bmnn submit --task IV.1.a --agency "Sở Nội vụ" --date 03/03/2026 "${as_of[@]}"
bmnn submit --task IV.1.b --agency "so tu phap" --date 29/10/2026 "${as_of[@]}"
cat >"$work/register.csv" <<'CSV'
task,agency,date,ref
IV.1.b,so-noi-vu,2026-10-20,112/BC-SNV
IV.1.b,so-tai-chinh,2026-10-28,87/BC-STC
IV.1.b,vp-ubnd-tinh,2026-11-04,35/BC-VP
IV.1.b,so-khcn,2026-11-12,51/BC-SKHCN
IV.1.b,xa-khao-mang,2026-10-06,12/BC-UBND
IV.1.b,xa-mu-cang-chai,2026-10-09,20/BC-UBND
IV.1.b,xa-pung-luong,2026-10-15,31/BC-UBND
IV.1.b,xa-tu-le,2026-10-16,18/BC-UBND
IV.1.b,xa-tram-tau,2026-10-22,27/BC-UBND
IV.1.b,xa-hanh-phuc,2026-10-23,40/BC-UBND
IV.1.b,phuong-nghia-lo,2026-10-27,66/BC-UBND
IV.1.b,phuong-trung-tam,2026-10-29,71/BC-UBND
IV.1.b,phuong-cau-thia,2026-10-30,58/BC-UBND
IV.1.b,xa-lien-son,2026-11-03,22/BC-UBND
IV.1.b,xa-gia-hoi,2026-11-10,19/BC-UBND
IV.1.b,xa-son-luong,2026-11-18,25/BC-UBND
III.8.4,xa-khao-mang,2026-11-20,14/KH-UBND
III.8.4,phuong-nghia-lo,2026-11-24,70/KH-UBND
CSV
bmnn submit --from-csv "$work/register.csv" "${as_of[@]}"

report=(report --quarter 4 --year 2026 "${as_of[@]}")
bmnn "${report[@]}" --format html -o "$work/report.html"
bmnn "${report[@]}" --format xlsx -o "$work/report.xlsx"

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/chromium" --window-size=1280,1500 \
  --screenshot="$PWD/docs/images/report-html.png" "file://$work/report.html" 2>/dev/null

# The top of the summary sheet as LibreOffice prints it, with the grid and the
# row and column headings turned on for the picture only (a copy of the workbook).
python - "$work/report.xlsx" "$work/picture.xlsx" <<'PY'
import sys
from openpyxl import load_workbook

book = load_workbook(sys.argv[1])
sheet = book.worksheets[0]
book.active = 0
sheet.print_options.gridLines = sheet.print_options.headings = True
sheet.print_area = "A1:K40"
sheet.page_margins.left = sheet.page_margins.right = 0.2
sheet.page_margins.top = sheet.page_margins.bottom = 0.2
book.save(sys.argv[2])
PY
libreoffice --headless -env:UserInstallation="file://$work/lo" \
  --convert-to pdf --outdir "$work" "$work/picture.xlsx" >/dev/null 2>&1
pdftoppm -png -r 130 -f 1 -l 1 -x 0 -y 0 -W 1430 -H 730 -singlefile "$work/picture.pdf" \
  docs/images/report-xlsx
