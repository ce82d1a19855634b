#!/usr/bin/env python3
"""Writes the answers files of the workshop fixtures (crm5, erp12).

Run from this folder: python3 gen.py. The files are committed; this script
says how they were made: each person has an optimism from 0 to 1 that picks
their option (from the best down), a seeded jitter, and a few "don't know"
answers, notes and an outlier, as a real room has.
"""
import os, random, yaml

RUBRIC = yaml.safe_load(open("../../../questions/rubrics/five-warning-signs.yaml"))

def visible(q, ans):
    w = q.get("when")
    if not w:
        return True
    a = ans.get(w["question"])
    if a is None or a == "dk":
        return False
    if "in" in w:
        return a in w["in"]
    return a >= w.get("from", float("-inf"))

def pick(opts, optimism, rnd):
    order = sorted(opts, key=lambda o: -o["score"])
    x = (1 - optimism) * (len(order) - 1) + rnd.uniform(-0.6, 0.6)
    return order[max(0, min(len(order) - 1, round(x)))]["value"]

def person(p, rnd):
    ans, notes = {}, {}
    for s in RUBRIC["sections"]:
        for q in s["questions"]:
            qid = q["id"]
            if not visible(q, ans):
                continue
            if qid in p.get("dk", ()):
                ans[qid] = "dk"
                continue
            if qid in p.get("set", {}):
                ans[qid] = p["set"][qid]
                continue
            o = p["optimism"]
            k = q["kind"]
            if k in ("single", "yesno"):
                opts = q.get("options") or [{"value": "yes", "score": 100}, {"value": "no", "score": 0}]
                ans[qid] = pick(opts, o, rnd)
            elif k == "multi":
                opts = [x for x in q["options"] if x["score"] > 0]
                n = max(1, round(o * len(opts) + rnd.uniform(-1, 1)))
                chosen = sorted(rnd.sample(range(len(opts)), min(n, len(opts))))
                ans[qid] = [opts[i]["value"] for i in chosen]
            elif k == "scale":
                ans[qid] = max(1, min(5, round(1 + o * 4 + rnd.uniform(-0.7, 0.7))))
            elif k == "number":
                base = {"bc-annual-benefit": 1200000, "bc-one-off-cost": 1500000, "bc-running-cost": 250000,
                        "bc-horizon": 5, "bc-adoption-assumed": 85, "bc-current-level": 60, "us-joiner-share": 25}[qid]
                if qid == "bc-annual-benefit":
                    v = round(base * (0.6 + 0.6 * o), -4)
                elif qid == "bc-adoption-assumed":
                    v = round(60 + 35 * o)
                elif qid == "bc-current-level":
                    v = round(40 + 40 * o)
                elif qid == "bc-horizon":
                    v = 5
                else:
                    v = round(base * (1.3 - 0.4 * o), -4) if base > 1000 else base
                ans[qid] = v
            elif k == "date":
                ans[qid] = {"meas-go-live": "2026-09-01", "meas-first-review": "2027-01-15" if o > 0.5 else "2027-10-01",
                            "cp-goals-date": "2028-09-01"}[qid]
            elif k == "text":
                ans[qid] = p.get("text", {}).get(qid, "")
                if not ans[qid]:
                    del ans[qid]
    return ans

def write(folder, fname, who, p, ans, mode, project, day):
    lines = ["# vitals answers file: one respondent, one run. `vitals report` turns it into a report.",
             "format: 1", "rubric:", "  id: five-warning-signs", "  version: 1.1.1",
             "project: " + project, "respondent:", "  name: " + who[0], "  role: " + who[1],
             "workshop:", "  mode: " + mode,
             "started: %sT09:%02d:00Z" % (day, p["minute"]), "updated: %sT09:%02d:30Z" % (day, p["minute"] + 25),
             "complete: " + ("false" if p.get("unfinished") else "true"), "answers:"]
    for qid, v in ans.items():
        lines.append("  %s:" % qid)
        if v == "dk":
            lines.append("    dont_know: true")
        elif isinstance(v, list):
            lines.append("    value: [%s]" % ", ".join(v))
        elif isinstance(v, str) and v in ("yes", "no"):
            lines.append('    value: "%s"' % v)
        else:
            lines.append("    value: %s" % v)
        if qid in p.get("notes", {}):
            lines.append("    note: " + p["notes"][qid])
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, fname), "w").write("\n".join(lines) + "\n")

CRM = [
    (("Dana Whitfield", "sponsor"), dict(optimism=0.95, minute=1, notes={"acc-owner": "I own this and report on it monthly.", "bc-adoption-assumed": "The approved case says 90 percent."}, text={"acc-owner-name": "the COO", "us-biggest-obstacle": "Nothing we cannot fix with training."})),
    (("Raj Patel", "programme lead"), dict(optimism=0.7, minute=3, notes={"cp-plan-end": "Hypercare is funded, the rest is not yet."}, text={"acc-owner-name": "the COO", "us-biggest-obstacle": "Time to learn the new pipeline screens."})),
    (("Lena Schmidt", "user"), dict(optimism=0.25, minute=5, dk=("bc-annual-benefit", "bc-one-off-cost", "bc-running-cost", "bc-adoption-assumed", "bc-scenarios"), notes={"us-barriers": "Nobody asked the sales floor what gets in the way.", "us-onboarding": "New reps learn from whoever sits next to them."}, text={"us-biggest-obstacle": "Spreadsheets are faster for the pipeline."})),
    (("Tom Okafor", "user"), dict(optimism=0.2, minute=7, set={"acc-owner": "named-executive"}, dk=("bc-one-off-cost", "bc-running-cost"), notes={"us-guidance": "The guides still show last year's screens."}, text={"acc-owner-name": "not sure, someone on the board", "us-biggest-obstacle": "Double entry in the old and the new system."})),
    (("Mia Novak", "IT"), dict(optimism=0.5, minute=9, dk=("bc-adoption-assumed", "meas-who"), unfinished=True, text={"us-biggest-obstacle": "Single sign-on is not ready for the field laptops."})),
]

ERP_ROLES = ["sponsor", "finance", "finance", "finance", "user", "user", "user", "user", "user", "IT", "IT", "PMO"]
ERP_NAMES = ["Alice Moreau", "Bruno Costa", "Chen Wei", "Divya Iyer", "Emil Larsen", "Fatima Zahra", "Gustav Berg",
             "Hana Sato", "Ivan Petrov", "Jonas Keller", "Kim Nguyen", "Lucia Romero"]
ERP_OPT = [0.9, 0.7, 0.65, 0.6, 0.3, 0.25, 0.2, 0.3, 0.35, 0.55, 0.5, 0.6]

def main():
    rnd = random.Random(10)
    for i, (who, p) in enumerate(CRM):
        write("crm5", "p%d.answers.yaml" % (i + 1), who, p, person(p, rnd), "named", "Northwind CRM roll-out", "2026-04-14")
    rnd = random.Random(12)
    for i in range(12):
        p = dict(optimism=ERP_OPT[i], minute=i * 2)
        if ERP_ROLES[i] == "user":
            p["dk"] = ("bc-annual-benefit", "bc-one-off-cost", "bc-running-cost") if i % 2 else ("bc-scenarios",)
            p["notes"] = {"us-barriers": ["Month-end close is when the old tool wins.", "The approval screens take eight clicks.", "Nobody asked us before go-live.", "Training was a slide deck.", "Reports we need are not built yet."][i - 4]}
        if ERP_ROLES[i] == "finance":
            p["notes"] = {"bc-annual-benefit": ["Benefit counts only the close going from ten days to six.", "We never agreed the benefit with the business units.", "The benefit assumes the legacy licences end in year one."][i - 1]}
        if i == 7:
            p["set"] = {"cp-plan-end": "goals-date"}  # a user who knows the plan: the outlier
        if i == 11:
            p["unfinished"] = True
            p["dk"] = ("cp-activities", "cp-resources")
        write("erp12", "r%02d.answers.yaml" % (i + 1), (ERP_NAMES[i], ERP_ROLES[i]), p, person(p, rnd), "named", "Contoso ERP", "2026-05-20")

main()
