using System.Globalization;
using System.Text;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Time;
using static MiningDispatch.Reports.Html.HtmlText;

namespace MiningDispatch.Reports.Html;

/// <summary>
/// The report's what-if panel: inputs for efficiency, hashprice multiplier, adder, minimum profit, MW (and the
/// hysteresis band), and a plain-JavaScript copy of the economics kernel (MiningEconomics.SiteIntervals), the
/// threshold and hysteresis rules and Backtester.Evaluate's totals, run over the interval data embedded once (price,
/// hashprice per TH/day, interval hours). Every operation is evaluated in the same order as the C# code, so the page
/// gives the CLI's figures to the last bit for the same inputs. Offered only for a single-model site dispatched by
/// threshold or hysteresis (<see cref="BacktestRun.WhatIf"/>).
/// </summary>
internal static class WhatIfPanel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Points per recomputed cumulative trace: enough for a smooth running total, few enough to redraw fast.</summary>
    private const int WhatIfChartPoints = 1_500;

    /// <summary>The panel, or a short note saying why it is absent.</summary>
    public static void Render(StringBuilder sb, BacktestRun model)
    {
        var w = model.WhatIf;
        if (w is null)
        {
            string why = model.WhatIfAbsentReason
                ?? (model.Fleet is not null ? "a mixed fleet is dispatched in merit order; the page recomputes only a single-model site."
                    : "this run did not record the inputs the panel needs (only single-model backtests with threshold or hysteresis do).");
            sb.Append("<section id=\"what-if\"><p class=\"muted\">No what-if panel: ").Append(E(why)).Append("</p></section>\n");
            return;
        }
        var s = w.Site;
        var h = w.Hysteresis;
        sb.Append("<section id=\"what-if\" class=\"whatif\"><h2>What if?</h2>\n")
          .Append("<p class=\"muted\">Move an input to re-run the <strong>").Append(E(w.Strategy)).Append("</strong> dispatch in this page over the run's ")
          .Append(model.Result.Times.Length.ToString("N0", Inv)).Append(" intervals. <strong>Recomputed:</strong> the mining profit, always-on profit, uplift, uptime, energy and average price paid ")
          .Append("(the panel's results, the matching headline cards), the monthly table, and the cumulative and monthly profit charts. ")
          .Append("<strong>Stay as run:</strong> the site total and everything in it (contract/PPA, 4CP, demand response and ancillary services, restart costs), ")
          .Append("the perfect-foresight optimum and other benchmarks, fleet, risk and sweep sections, the summary table, best/worst days and the other charts. ")
          .Append("Pool fee stays at ").Append(E((s.PoolFee * 100).ToString("0.###", Inv))).Append(" %")
          .Append(h?.HighStrikeUsdPerMWh is double hs ? ", the high strike at " + E(hs.ToString("0.##", Inv)) + " $/MWh" : "").Append(".</p>\n<div class=\"wi-grid\">\n");
        Input(sb, "eff", "Efficiency", "W/TH", s.Efficiency.Value, 5, 60, 0.1);
        Input(sb, "mult", "Hashprice multiplier", "×", 1, 0.25, 2, 0.01);
        Input(sb, "adder", "Power adder", "$/MWh", s.Adder.Value, Math.Min(-20, s.Adder.Value), Math.Max(100, s.Adder.Value), 0.5);
        if (h is null)
        {
            double span = Math.Max(1000, Math.Abs(s.MinProfitUsdPerHour) * 2);
            Input(sb, "minProfit", "Minimum profit", "$/h", s.MinProfitUsdPerHour, -span, span, 1);
        }
        double mw = s.Capacity.Value;
        Input(sb, "mw", "Site power", "MW", mw, 0.1, Math.Max(100, Math.Ceiling(mw * 2)), 0.1);
        if (h is not null)
        {
            bool abs = h.Reference == BandReference.Absolute;
            Input(sb, "off", abs ? "Curtail above (all-in)" : "Curtail above breakeven +", "$/MWh", h.OffLevel, Math.Min(-100, h.OffLevel), Math.Max(500, h.OffLevel), 0.5);
            Input(sb, "on", abs ? "Resume below (all-in)" : "Resume below breakeven −", "$/MWh", h.OnLevel, Math.Min(-100, h.OnLevel), Math.Max(500, h.OnLevel), 0.5);
            Input(sb, "offConfirm", "Curtail after", "interval(s)", h.OffConfirmIntervals, 1, Math.Max(24, h.OffConfirmIntervals), 1);
            Input(sb, "onConfirm", "Resume after", "interval(s)", h.OnConfirmIntervals, 1, Math.Max(24, h.OnConfirmIntervals), 1);
        }
        sb.Append("</div>\n<p><button type=\"button\" id=\"wi-reset\">Reset to the run's inputs</button> <span id=\"wi-status\" class=\"muted\">As run.</span></p>\n")
          .Append("<table class=\"kv\" id=\"wi-results\"><tbody>\n");
        foreach (var (key, label) in new[]
        {
            ("profit", "Mining profit (recomputed)"), ("aoprofit", "Always-on mining profit (recomputed)"), ("uplift", "Uplift vs always-on (mining)"),
            ("uptime", "Uptime"), ("energy", "Energy"), ("avgpaid", "Avg settlement price paid"),
        })
            sb.Append("<tr><th>").Append(E(label)).Append("</th><td id=\"wi-out-").Append(key).Append("\" data-value=\"\"></td></tr>\n");
        sb.Append("</tbody></table></section>\n");
    }

    private static void Input(StringBuilder sb, string key, string label, string unit, double value, double min, double max, double step)
    {
        string v = value.ToString("R", Inv);
        string Attrs() => " min=\"" + min.ToString("R", Inv) + "\" max=\"" + max.ToString("R", Inv) + "\" step=\"" + step.ToString("R", Inv) + "\"";
        sb.Append("<label class=\"wi-in\"><span>").Append(E(label)).Append(" <em>(").Append(E(unit)).Append(")</em></span>")
          .Append("<input type=\"range\" id=\"wi-range-").Append(key).Append('"').Append(Attrs()).Append(" value=\"").Append(v).Append("\">")
          .Append("<input type=\"number\" id=\"wi-").Append(key).Append("\" step=\"any\" value=\"").Append(v).Append("\"></label>\n");
    }

    /// <summary>The embedded data and the script; empty when the panel is not offered. Runs after the figures are drawn.</summary>
    public static string Script(BacktestRun model, MarketClock clock)
        => Data(model, clock) is { } data ? "const whatIfData = " + ScriptSafeJson(data) + ";\n" + Js : "";

    /// <summary>The data the panel's script reads (<c>whatIfData</c>); null when the panel is not offered.</summary>
    internal static object? Data(BacktestRun model, MarketClock clock)
    {
        if (model.WhatIf is not { } w) return null;
        var r = model.Result;
        int n = r.Times.Length;
        // Months in order of first appearance (as Backtester groups them); intervals are in time order, so each
        // month is one contiguous run of intervals.
        var months = new List<int>();
        var keys = new List<(int, int)>();
        var local = new DateTime[n];
        for (int t = 0; t < n; t++)
        {
            local[t] = clock.ToLocal(r.Times[t]);
            var key = (local[t].Year, local[t].Month);
            if (keys.Count == 0 || keys[^1] != key) { keys.Add(key); months.Add(0); }
            months[^1]++;
        }
        if (keys.Distinct().Count() != keys.Count || keys.Count != r.Monthly.Count)
            return null; // not contiguous: the panel's month grouping would differ, so offer nothing rather than a wrong table
        // x of the cumulative chart: each interval's end in market wall-clock time, as minute steps from the first start.
        var start = local[0];
        var ends = new int[n];
        DateTime prev = start;
        for (int t = 0; t < n; t++)
        {
            var e = local[t].AddHours(r.IntervalHours);
            ends[t] = (int)Math.Round((e - prev).TotalMinutes);
            prev = e;
        }
        var s = w.Site;
        var h = w.Hysteresis;
        var data = new
        {
            dt = r.IntervalHours,
            fee = s.PoolFee,
            price = r.Price,
            hp = r.Hashprice,
            x0 = start.ToString("yyyy-MM-dd HH:mm", Inv),
            dx = ends,
            months,
            maxPoints = WhatIfChartPoints,
            run = new
            {
                eff = s.Efficiency.Value,
                mult = 1.0,
                adder = s.Adder.Value,
                minProfit = s.MinProfitUsdPerHour,
                mw = s.Capacity.Value,
                off = h?.OffLevel,
                on = h?.OnLevel,
                offConfirm = h?.OffConfirmIntervals,
                onConfirm = h?.OnConfirmIntervals,
            },
            hyst = h is null ? null : new
            {
                absolute = h.Reference == BandReference.Absolute,
                high = h.HighStrikeUsdPerMWh,
                initiallyOn = h.InitiallyOn,
            },
            strategy = w.Strategy,
        };
        return data;
    }

    private const string Js = """
        (function () {
          const D = whatIfData, n = D.price.length, dt = D.dt, H = D.hyst;
          const $ = id => document.getElementById(id);
          const keys = Object.keys(D.run).filter(k => D.run[k] !== null && $('wi-' + k));
          // Formats as the report's C# Fmt does (invariant culture, rounding half away from zero on the exact value).
          const nf = d => new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
          const nf0 = nf(0), nf1 = nf(1), nf2 = nf(2), nf3 = nf(3);
          const fin = Number.isFinite;
          const usd = v => fin(v) ? (v < 0 ? '-$' : '$') + nf2.format(Math.abs(v)) : 'n/a';
          const usd0 = v => fin(v) ? (v < 0 ? '-$' : '$') + nf0.format(Math.abs(v)) : 'n/a';
          const sUsd = v => fin(v) ? (v >= 0 ? '+' : '') + usd(v) : 'n/a';
          const sUsd0 = v => (v >= 0 ? '+' : '') + usd0(v);
          const pct = (v, f) => fin(v) ? (f || nf1).format(v) + ' %' : 'n/a';
          const sPct = v => v !== null && fin(v) ? (v >= 0 ? '+' : '') + nf1.format(v) + ' %' : 'n/a';
          const short = v => {
            if (!fin(v)) return 'n/a';
            const s = v < 0 ? '-$' : '$', a = Math.abs(v);
            const g = (x, d) => String(Number(x.toFixed(d)));
            if (a >= 1e9) return s + g(a / 1e9, 2) + 'B';
            if (a >= 1e6) return s + g(a / 1e6, 2) + 'M';
            if (a >= 1e4) return s + g(a / 1e3, 1) + 'k';
            if (a >= 1e3) return s + g(a / 1e3, 2) + 'k';
            return s + g(a, 2);
          };

          // x of the cumulative chart (market wall-clock time), built once; long series keep every k-th point.
          const t0 = Date.parse(D.x0.replace(' ', 'T') + ':00Z');
          const xs = new Array(n + 1); xs[0] = D.x0;
          let ms = t0;
          for (let t = 0; t < n; t++) { ms += D.dx[t] * 60000; xs[t + 1] = new Date(ms).toISOString().slice(0, 16).replace('T', ' '); }
          const stride = n + 1 > D.maxPoints ? Math.ceil((n + 1) / D.maxPoints) : 1;
          const keep = [];
          for (let i = 0; i <= n; i += stride) keep.push(i);
          if (keep[keep.length - 1] !== n) keep.push(n);
          const keepX = keep.map(i => xs[i]);

          const M = D.months.length;
          const runInputs = () => Object.fromEntries(keys.map(k => [k, D.run[k]]));

          // The kernel: MiningEconomics.SiteIntervals, ThresholdStrategy / HysteresisStrategy.Dispatch and
          // Backtester.Evaluate, operation for operation.
          function compute(p) {
            const fee = D.fee, mw = p.mw, eff = p.eff, adder = p.adder, mult = p.mult;
            const th = mw * 1e6 / eff;                          // Hashrate
            const factor = (1.0 - fee) * 1e6 / (24.0 * eff);      // BreakevenFactor
            const minPer = H ? 0 : p.minProfit * dt;             // MinProfitPerInterval
            let on = H ? H.initiallyOn : true, above = 0, below = 0;
            const high = H && H.high !== null ? H.high : Infinity;
            let op = 0, energy = 0, rev = 0, cst = 0, aoRev = 0, aoCost = 0, priceRun = 0;
            const cum = new Float64Array(n + 1), aoCum = new Float64Array(n + 1);
            let cp = 0, ca = 0, beSum = 0;
            const mA = []; for (let i = 0; i < M; i++) mA.push(new Float64Array(9));
            let mi = 0, mEnd = D.months[0];
            for (let t = 0; t < n; t++) {
              if (t === mEnd) { mi++; mEnd += D.months[mi]; }
              const price = D.price[t];
              const hp = D.hp[t] * mult;
              const allIn = price + adder;                       // AllInPrice
              const r = th * hp / 24.0 * (1.0 - fee) * dt;       // RevenueUsd
              const c = mw * allIn * dt;                         // PowerCostUsd
              const be = hp * factor;                            // Breakeven
              let x;
              if (!H) x = (r - c) > minPer ? 1.0 : 0.0;
              else {
                const offP = H.absolute ? p.off : be + p.off, onP = H.absolute ? p.on : be - p.on;
                if (allIn > offP) { above++; below = 0; }
                else if (allIn < onP) { below++; above = 0; }
                else { above = 0; below = 0; }
                if (on) { if (allIn > high || above >= p.offConfirm) on = false; }
                else if (below >= p.onConfirm && !(allIn > high)) on = true;
                x = on ? 1.0 : 0.0;
              }
              const rv = x * r, cs = x * c, pr = rv - cs, ao = r - c;
              op += x * dt; energy += x * mw * dt; rev += rv; cst += cs; aoRev += r; aoCost += c; priceRun += x * price;
              cum[t + 1] = cp += pr; aoCum[t + 1] = ca += ao;
              const a = mA[mi];
              a[0] += dt; a[1] += x * dt; a[2] += x * mw * dt; a[3] += rv; a[4] += cs; a[5] += pr; a[6] += ao; a[7] += price; a[8] += be;
              beSum += be;
            }
            const profit = rev - cst, aoProfit = aoRev - aoCost, runWeight = op / dt;
            return {
              profit, aoProfit, uplift: profit - aoProfit, upliftPct: aoProfit !== 0 ? 100.0 * (profit - aoProfit) / Math.abs(aoProfit) : null,
              revenue: rev, cost: cst, operatingHours: op, uptimePct: 100.0 * op / (n * dt), energyMWh: energy,
              avgPricePaid: runWeight > 0 ? priceRun / runWeight : null,
              monthly: mA.map(a => ({ operatingHours: a[1], uptimePct: 100.0 * a[1] / a[0], energyMWh: a[2], revenue: a[3], cost: a[4],
                profit: a[5], aoProfit: a[6], avgPrice: a[7] / (a[0] / dt), avgBreakeven: a[8] / (a[0] / dt) })),
              meanBreakeven: beSum / n, cum, aoCum,
            };
          }

          function read() {
            const p = { mult: 1 };
            for (const k of keys) p[k] = Number($('wi-' + k).value);
            const bad = keys.filter(k => !fin(p[k]));
            if (bad.length) return { error: 'Not a number: ' + bad.join(', ') + '.' };
            if (!(p.eff > 0)) return { error: 'Efficiency must be above 0 W/TH.' };
            if (!(p.mw > 0)) return { error: 'Site power must be above 0 MW.' };
            if (!(p.mult >= 0)) return { error: 'The hashprice multiplier must not be negative.' };
            if (H) {
              if (!(p.offConfirm >= 1 && p.onConfirm >= 1 && Number.isInteger(p.offConfirm) && Number.isInteger(p.onConfirm)))
                return { error: 'Confirmation windows are whole numbers of at least 1 interval.' };
              if (H.absolute ? p.on > p.off : p.off + p.on < 0) return { error: 'The resume level must not be above the curtail level.' };
            }
            return p;
          }

          // Original page state, restored by reset.
          const figs = window.reportFigures;
          const orig = JSON.parse(JSON.stringify({ c: figs['chart-cumulative'], m: figs['chart-monthly'] }));
          const monthlyBody = document.querySelector('#monthly-table tbody'), monthlyFoot = document.querySelector('#monthly-table tfoot');
          const origTable = monthlyBody.innerHTML + '\u0000' + monthlyFoot.innerHTML;
          const cards = Array.from(document.querySelectorAll('.kpi'));
          const origCards = cards.map(c => c.innerHTML);

          function setCell(td, text, v) { td.textContent = text; td.classList.toggle('neg', v < 0); }
          function setCard(key, text, v) {
            for (const c of document.querySelectorAll('.kpi[data-wi="' + key + '"] .kpi-value')) setCard1(c, text, v);
          }
          function setCard1(c, text, v) { c.textContent = text; c.classList.toggle('neg', v !== null && v < 0); }
          function out(key, text, v) { const td = $('wi-out-' + key); td.textContent = text; td.dataset.value = v === null ? '' : String(v); }

          function show(res, changed) {
            out('profit', usd(res.profit), res.profit);
            out('aoprofit', usd(res.aoProfit), res.aoProfit);
            out('uplift', sUsd(res.uplift) + ' (' + sPct(res.upliftPct) + ')', res.uplift);
            out('uptime', pct(res.uptimePct) + ' (' + nf0.format(res.operatingHours) + ' h)', res.uptimePct);
            out('energy', nf1.format(res.energyMWh) + ' MWh', res.energyMWh);
            out('avgpaid', res.avgPricePaid === null ? 'n/a' : usd(res.avgPricePaid) + '/MWh', res.avgPricePaid);
            if (!changed) return;
            setCard('profit', usd(res.profit), res.profit);
            setCard('aoprofit', usd(res.aoProfit), res.aoProfit);
            setCard('uplift', sUsd(res.uplift) + ' (' + sPct(res.upliftPct) + ')', res.uplift);
            setCard('uptime', pct(res.uptimePct) + ' (' + nf0.format(res.operatingHours) + ' h)', null);
            setCard('avgpaid', (res.avgPricePaid === null ? 'n/a' : usd(res.avgPricePaid)) + '/MWh', null);
            setCard('energy', nf1.format(res.energyMWh) + ' MWh', null);
            for (const c of document.querySelectorAll('.kpi[data-wi] .kpi-label, .kpi[data-asrun] .kpi-label')) {
              const base = c.dataset.label || (c.dataset.label = c.textContent);
              c.textContent = base + (c.parentElement.dataset.asrun !== undefined ? ' (as run)' : ' (what-if)');
            }
            const rows = monthlyBody.rows;
            for (let i = 0; i < M && i < rows.length; i++) {
              const m = res.monthly[i], td = rows[i].cells;
              setCell(td[2], nf1.format(m.operatingHours), 0); setCell(td[3], pct(m.uptimePct), 0);
              setCell(td[4], nf1.format(m.energyMWh), 0); setCell(td[5], usd0(m.revenue), m.revenue); setCell(td[6], usd0(m.cost), m.cost);
              setCell(td[7], usd0(m.profit), m.profit); setCell(td[8], usd0(m.aoProfit), m.aoProfit);
              setCell(td[9], sUsd0(m.profit - m.aoProfit), m.profit - m.aoProfit); setCell(td[10], usd(m.avgPrice), 0); setCell(td[11], usd(m.avgBreakeven), 0);
            }
            const f = monthlyFoot.rows[0].cells;
            setCell(f[2], nf1.format(res.operatingHours), 0); setCell(f[3], pct(res.uptimePct), 0); setCell(f[4], nf1.format(res.energyMWh), 0);
            setCell(f[5], usd0(res.revenue), res.revenue); setCell(f[6], usd0(res.cost), res.cost); setCell(f[7], usd0(res.profit), res.profit);
            setCell(f[8], usd0(res.aoProfit), res.aoProfit); setCell(f[9], sUsd0(res.uplift), res.uplift);
            f[11].textContent = usd(res.meanBreakeven);
            // Charts: the strategy and always-on traces are replaced (one restyle per chart); benchmarks stay as run.
            const tc = performance.now();
            const nc = figs['chart-cumulative'].data.length, nm = figs['chart-monthly'].data.length;
            const asRun = (f, k) => f.data.slice(2, k).map(t => t.name + ' (as run)');
            Plotly.restyle('chart-cumulative', {
              x: [keepX, keepX], y: [keep.map(i => res.cum[i]), keep.map(i => res.aoCum[i])],
              name: [D.strategy + ' what-if (' + short(res.profit) + ')', 'always-on what-if (' + short(res.aoProfit) + ')'],
            }, [0, 1]);
            if (nc > 2 && !chartsChanged) Plotly.restyle('chart-cumulative', { name: asRun(orig.c, nc) }, orig.c.data.slice(2).map((_, i) => i + 2));
            const tm = performance.now();
            Plotly.restyle('chart-monthly', {
              y: [res.monthly.map(m => m.profit), res.monthly.map(m => m.aoProfit)], name: [D.strategy + ' what-if', 'always-on what-if'],
            }, [0, 1]);
            if (nm > 2 && !chartsChanged) Plotly.restyle('chart-monthly', { name: asRun(orig.m, nm) }, orig.m.data.slice(2).map((_, i) => i + 2));
            chartsChanged = true;
            timing.cumulativeMs = tm - tc; timing.monthlyMs = performance.now() - tm;
          }
          let chartsChanged = false;
          const timing = {};

          function update() {
            const p = read();
            if (p.error) { $('wi-status').textContent = p.error; return; }
            const t0 = performance.now();
            const res = compute(p);
            const computeMs = performance.now() - t0;
            const changed = keys.some(k => p[k] !== D.run[k]) || p.mult !== 1;
            if (changed) show(res, true);
            else { restore(); show(res, false); }
            const msTaken = performance.now() - t0;
            window.whatIf.last = { inputs: p, result: { profit: res.profit, aoProfit: res.aoProfit, uplift: res.uplift, upliftPct: res.upliftPct,
              uptimePct: res.uptimePct, energyMWh: res.energyMWh, avgPricePaid: res.avgPricePaid, revenue: res.revenue, cost: res.cost, meanBreakeven: res.meanBreakeven,
              monthly: res.monthly }, ms: msTaken, computeMs, timing };
            $('wi-status').textContent = changed ? 'What-if: recomputed in ' + msTaken.toFixed(0) + ' ms. Site-total cards and other sections are as run.' : 'As run.';
          }

          function restore() {
            const [b, f] = origTable.split('\u0000');
            monthlyBody.innerHTML = b; monthlyFoot.innerHTML = f;
            cards.forEach((c, i) => { c.innerHTML = origCards[i]; });
            if (chartsChanged) {
              Plotly.react('chart-cumulative', JSON.parse(JSON.stringify(orig.c.data)), orig.c.layout);
              Plotly.react('chart-monthly', JSON.parse(JSON.stringify(orig.m.data)), orig.m.layout);
              chartsChanged = false;
            }
          }

          for (const k of keys) {
            const box = $('wi-' + k), range = $('wi-range-' + k);
            range.addEventListener('input', () => { box.value = range.value; update(); });
            box.addEventListener('input', () => { if (box.value !== '') range.value = box.value; update(); });
          }
          $('wi-reset').addEventListener('click', () => {
            for (const k of keys) { $('wi-' + k).value = String(D.run[k]); $('wi-range-' + k).value = String(D.run[k]); }
            update();
          });
          window.whatIf = { compute, update, run: runInputs() };
          update();
        })();
        """;
}
