"""The load test's report: ratios to B from the same run, and the budgets of the mix (no timing measured here)."""

from stevig.loadtest.__main__ import _report

HEADER = "Type,Name,Request Count,Failure Count,Requests/s,50%,95%,99%\n"


def _write(tmp_path, rows):
    path = tmp_path / "run_stats.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_ratio_is_b_median_over_the_endpoint_median_and_budgets_pass(tmp_path, capsys):
    stats = _write(
        tmp_path,
        [
            "GET,B me,100,0,50,10,20,30\n",
            "POST,search 'van',100,0,50,40,80,120\n",
            ",Aggregated,200,0,150,20,100,200\n",
        ],
    )
    assert _report(stats, rate=150, duration=60) is True
    out = capsys.readouterr().out
    assert "search 'van'" in out and "0.25" in out
    assert "ok   errors 0 == 0" in out


def test_errors_slow_tail_or_missed_rate_fail_the_run(tmp_path, capsys):
    stats = _write(
        tmp_path,
        ["GET,B me,100,0,50,10,20,30\n", ",Aggregated,100,3,90,200,400,1500\n"],
    )
    assert _report(stats, rate=150, duration=60) is False
    out = capsys.readouterr().out
    assert "FAIL arrival rate 90/s of 150/s" in out
    assert "FAIL p95 400 ms <= 300 ms" in out and "FAIL p99 1500 ms <= 1000 ms" in out
    assert "FAIL errors 3 == 0" in out
