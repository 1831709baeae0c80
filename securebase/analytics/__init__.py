"""Analytics: pure functions over pandas DataFrames (DESIGN.md section 5).

Rules: no UI imports; no I/O except in ``load`` (vault -> frames); every
function takes frames and plain values and returns a tidy frame or plain
numbers; the dashboard and the PDF draw from these results and compute
nothing of their own. Weeks are ISO weeks (Monday start) in the client's
local time, taken from each timestamp's own UTC offset.
"""
