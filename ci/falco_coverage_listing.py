#!/usr/bin/env python3
"""Lists every line and branch of Falco 0.44.1's output path that the 0.44 suite does not reach,
with its reason, and computes the reachable figures: covered / (total - unreachable).
docs/COVERAGE.md ("Falco 0.44.1's output path") has the measurement that feeds it; the tables
of docs/coverage/falco-0.44.1-uncovered.md are its output.

usage: falco_coverage_listing.py FALCO_SRC GCOVR_JSON PROCESS_EVENTS_GCOV_JSON OUT

FALCO_SRC is Falco's source at 0.44.1; GCOVR_JSON gcovr's --json report of the 13 files;
PROCESS_EVENTS_GCOV_JSON the output of `gcov -b --json-format -t` for process_events.cpp.
Writes OUT.md (figures, reasons, per-file tables) and OUT.json (the counts). The reasons are
assigned by hand, by line range of Falco 0.44.1 (U and BR below); a line or branch that no
range names is UNCLASSIFIED and counted reachable: the sign that a range needs a look.
"""
import json
import sys

S, gj, pj, out = sys.argv[1].rstrip('/') + '/', sys.argv[2], sys.argv[3], sys.argv[4]

# reason -> (excluded from the reachable figures?, why)
R = {
 'EH': (True, "exception unwinding only: gcc's landing pads that destroy temporaries (or match a `catch`) when an allocation or a callee throws, counted on the line; nothing a case sends makes them throw"),
 'NOCFG': (True, "a start without `-c` (or with no argument at all); the harness always passes `-c` (`docs/spec/0.44.md#error.config.no_file`, *Not asserted*)"),
 'HOST': (True, "the host name from `gethostname`; the harness always sets `FALCO_HOSTNAME` (`conformance/PROTOCOL.md#1-starting-the-implementation`)"),
 'DRYRUN': (True, "`--dry-run` (also the dry run of a hot restart): a command-line mode outside the contract"),
 'CLIOPT': (True, "a command-line option outside the contract (`-v`, `-M`, `--support`)"),
 'CFGFILES': (True, "`config_files` (a different config key family: the contract's configuration is one file, and falco-replay adds none)"),
 'ENGINE': (True, "`engine.kind` and its driver settings: unreachable without a kernel driver (the replay runs Falco with a plugin source only)"),
 'RULES': (True, "rules files (`rules_files`, `rules_file`, rules directories): a different config key family; the contract carries alerts, not rules, and falco-replay writes Falco's rules itself"),
 'WEBSERVER': (True, "`webserver.*` (a different config key family: health endpoint and Prometheus metrics, outside the outputs)"),
 'DROPS': (True, "`syscall_event_drops.*` and the drop manager: unreachable without a kernel driver (syscall source only)"),
 'TIMEOUTS': (True, "`syscall_event_timeouts.*` and the timeout notification: unreachable without a kernel driver (syscall source only)"),
 'METRICS': (True, "metrics (`metrics.*`, the queue-drop counter read by the metrics writer): a different config key family, outside the alert channels"),
 'CAPTURE': (True, "`capture.*` (a different config key family: writing event captures, which needs captured syscalls)"),
 'CAPFILE': (True, "capture-file mode (`-e`, `engine.kind: replay` of a `.scap` file): a different input than the contract's alerts"),
 'APPEND': (True, "`append_output` / `static_fields` extra output fields: a different config key family; they add event fields computed by libsinsp, which the contract's alerts do not have"),
 'PLUGINS': (True, "`plugins` / `load_plugins` selection: plugin-only configuration that falco-replay writes itself (the contract has no plugins)"),
 'LIBSLOG': (True, "`libs_logger.severity`: a different config key family; it changes only libsinsp's own log lines, which are informative and never asserted (`docs/spec/common.md#log.informative`)"),
 'INTERNAL': (True, "internal alerts (`handle_msg`): raised only by syscall drops, event timeouts, a hot restart, a capture size limit or metrics, none of which the contract produces (`docs/spec/0.44.md#internal.json`, *Not asserted*)"),
 'RESTART': (True, "SIGHUP / hot restart (watch_config_files): outside the alert contract (`docs/spec/0.44.md#signal.hup.restart`, *Not asserted*)"),
 'KDRV': (True, "the syscall source (drop manager, timeouts, filtered events): unreachable without a kernel driver"),
 'ONESRC': (True, "several event sources at once or a source that fails: plugin-only; the replay has one plugin source that never fails (`alerts:sources>1` in `conformance/replay/falco-0.44.capabilities`)"),
 'SYSFAIL': (True, "a system failure no case can cause (`popen`/`fork` failing, `curl_easy_init` out of memory, `gmtime_r` or `strftime` failing on the current time)"),
 'CONSTR': (True, "not reachable by construction (a `default:` or `else` after every value was handled, an invariant Falco checks itself, a function without a caller in Falco 0.44.1)"),
 'CURL300': (True, "a transfer that libcurl ends with `CURLE_OPERATION_TIMEDOUT`: Falco sets no timeout, so only libcurl's 300 s connection timeout gives it (`docs/spec/0.44.md#http.retry`, *Not asserted*)"),
 'CURLOPT': (False, "no case yet: libcurl refuses an option only when a string is longer than its 8,000,000-byte input limit, so a case would need a configuration of 8 MB (`docs/spec/0.44.md#http.init_error`)"),
}


# file -> list of (lines, key); lines 'a-b' or 'a'; applies to uncovered lines AND to the
# uncovered branches of partially covered lines in that range unless BR overrides.
def rng(s):
    out=[]
    for p in s.split(','):
        p=p.strip()
        if '-' in p:
            a,b=p.split('-'); out+=range(int(a),int(b)+1)
        else: out.append(int(p))
    return out
U = {
 'userspace/engine/formats.cpp': [
   ('78', 'CONSTR'), ('130', 'CONSTR'), ('136-158', 'APPEND'), ('165', 'CONSTR'),
   ('168-177', 'APPEND'), ('195-196', 'CONSTR')],
 'userspace/engine/logger.cpp': [
   ('28-45', 'LIBSLOG'), ('127-128', 'SYSFAIL')],
 'userspace/engine/stats_manager.cpp': [('64-65', 'CONSTR')],
 'userspace/falco/app/actions/init_outputs.cpp': [('40', 'HOST'), ('46-51', 'HOST'), ('54-57', 'DRYRUN')],
 'userspace/falco/app/actions/load_config.cpp': [('34', 'NOCFG'), ('41', 'NOCFG'), ('43', 'EH'), ('52', 'NOCFG'), ('55', 'NOCFG'), ('83-90', 'NOCFG')],
 'userspace/falco/configuration.cpp': [
   ('109-123', 'NOCFG'), ('133', 'EH'), ('156-157', 'CLIOPT'), ('174-213', 'CFGFILES'),
   ('238-241', 'EH'), ('242', 'EH'), ('245-284', 'ENGINE'), ('286', 'EH'),
   ('296-320', 'RULES'), ('400', 'EH'), ('404', 'EH'), ('420', 'EH'), ('435', 'EH'), ('439', 'EH'),
   ('481-494', 'WEBSERVER'), ('502-536', 'DROPS'), ('545-548', 'TIMEOUTS'), ('577-601', 'METRICS'),
   ('613-615', 'CAPTURE'), ('616', 'EH'), ('619-623', 'CAPTURE'), ('637-653', 'APPEND'),
   ('666-699', 'PLUGINS'), ('703', 'EH'), ('710-745', 'RULES'), ('764-765', 'CFGFILES')],
 'userspace/falco/falco_outputs.cpp': [
   ('108', 'CONSTR'), ('113', 'CONSTR'), ('117', 'CURLOPT'), ('120', 'CURLOPT'), ('147-159', 'APPEND'),
   ('170-233', 'INTERNAL'), ('235-236', 'CONSTR'), ('257', 'CONSTR'), ('307', 'EH'), ('317-329', 'CONSTR'),
   ('334-335', 'METRICS')],
 'userspace/falco/outputs_http.cpp': [
   ('40-41', 'CONSTR'), ('51-55', 'SYSFAIL'), ('66', 'CONSTR'),
   ('70-99', 'CURLOPT'), ('106-108', 'CURLOPT'), ('117', 'CONSTR'), ('121-122', 'CURL300')],
 'userspace/falco/outputs_program.cpp': [('29-35', 'SYSFAIL'), ('47', 'SYSFAIL')],
 'userspace/falco/app/actions/process_events.cpp': [
   ('54-72', 'CONSTR'), ('126', 'KDRV'), ('128', 'CAPFILE'), ('138-145', 'DROPS'), ('170', 'CONSTR'),
   ('180-183', 'CAPTURE'), ('187-197', 'RESTART'), ('199-224', 'TIMEOUTS'), ('228-229', 'KDRV'),
   ('232-236', 'ONESRC'), ('240-258', 'CAPFILE'), ('263-274', 'ONESRC'), ('285-294', 'CLIOPT'),
   ('298-299', 'DROPS'), ('309-384', 'CAPTURE'), ('409', 'KDRV'), ('426-436', 'CLIOPT'), ('442-443', 'DROPS'),
   ('445-454', 'EH'), ('449', 'CAPFILE'), ('464-504', 'METRICS'), ('514-516', 'DRYRUN'), ('519-520', 'METRICS'),
   ('524-539', 'CAPTURE'), ('543-556', 'CAPFILE'), ('583-588', 'ONESRC'), ('591-593', 'CONSTR'),
   ('604-626', 'ONESRC'), ('635-640', 'ONESRC'), ('652-661', 'ONESRC'), ('677', 'EH')],
}
# lines whose uncovered branches have more than one reason: line -> [(key, n), ...], n branches
# each in order, None for the rest (the CHECK_RES arms of outputs_http.cpp: three arms that only
# a refused option takes, the other arms the unwinding of the option's key temporaries)
BR = {
 'userspace/falco/outputs_http.cpp': {},  # filled below
}
for ln in [70,72,73,76,77,81,82,86,88,90,95,99,103]:
    BR['userspace/falco/outputs_http.cpp'][ln] = [('CURLOPT', 3), ('EH', None)]


files={}
for f in json.load(open(gj))['files']:
    ls={}
    for l in f['lines']:
        if l.get('gcovr/noncode'): continue
        ls[l['line_number']]=(l['count'], [b['count'] for b in l['branches']])
    files[f['file']]=ls
# process_events from gcov json (non-throw branches, lines merged over functions)
d=json.load(open(pj)); pf=[f for f in d['files'] if f['file'].endswith('process_events.cpp')][0]
ls={}
for l in pf['lines']:
    n=l['line_number']; c,b=ls.get(n,(0,[]))
    ls[n]=(c+l['count'], b+[x['count'] for x in l['branches'] if not x['throw']])
files['userspace/falco/app/actions/process_events.cpp']=ls
def key_of(fn, n):
    best=None
    for spec,k in U.get(fn,[]):
        r=rng(spec)
        if n in r and (best is None or len(r)<=best[0]): best=(len(r),k)
    return best[1] if best else 'UNCLASSIFIED'
order=['userspace/falco/falco_outputs.cpp','userspace/falco/outputs_file.cpp','userspace/falco/outputs_stdout.cpp',
 'userspace/falco/outputs_syslog.cpp','userspace/falco/outputs_program.cpp','userspace/falco/outputs_http.cpp',
 'userspace/engine/formats.cpp','userspace/engine/stats_manager.cpp','userspace/engine/logger.cpp',
 'userspace/falco/app/actions/init_outputs.cpp','userspace/falco/app/actions/cleanup_outputs.cpp',
 'userspace/falco/app/actions/load_config.cpp','userspace/falco/configuration.cpp',
 'userspace/falco/app/actions/process_events.cpp']
stats={}; md=[]; bykey={}
for fn in order:
    ls=files[fn]; src=open(S+fn).read().split('\n')
    T=len(ls); C=sum(1 for c,_ in ls.values() if c>0)
    BT=sum(len(b) for _,b in ls.values()); BC=sum(1 for _,b in ls.values() for x in b if x>0)
    ul=0; ub=0; entries=[]
    for n in sorted(ls):
        c,b=ls[n]; nz=sum(1 for x in b if x==0)
        if c>0 and nz==0: continue
        k=key_of(fn,n)
        parts=[]
        if n in BR.get(fn,{}) and nz:
            parts=[]; left=nz
            for kk,m in BR[fn][n]:
                a=left if m is None else min(m,left)
                if a: parts.append((kk,a)); left-=a
        else:
            parts=[(k,nz)]
        line_key = parts[0][0] if c==0 else None
        if c==0 and R.get(line_key,(False,))[0]: ul+=1
        for kk,m in parts:
            if R.get(kk,(False,))[0]: ub+=m
            e=bykey.setdefault(kk,[0,0]); e[1]+=m
        if c==0: bykey.setdefault(line_key,[0,0])[0]+=1
        entries.append((n, c==0, nz, len(b), parts, src[n-1].strip()))
    stats[fn]=(T,C,ul,BT,BC,ub)
    # merge consecutive entries with same (uncovered, parts keys)
    md.append(f"\n### `{fn}`\n")
    md.append(f"Lines {C}/{T} covered, {T-C} not: {ul} unreachable, {T-C-ul} reachable. Branches {BC}/{BT} covered, {BT-BC} not: {ub} unreachable, {BT-BC-ub} reachable.\n")
    if not entries:
        md.append("Every line and branch is covered.\n"); continue
    md.append("| lines | lines not run | branches not taken | reason |\n|---|---|---|---|")
    groups=[]
    for e in entries:
        n,unc,nz,nb,parts,s_=e
        keys=tuple(dict.fromkeys(k for k,_ in parts))
        if groups and groups[-1]['keys']==keys and all((m not in ls) or ls[m][0]==0 or any(x==0 for x in ls[m][1]) for m in range(groups[-1]['last']+1,n)):
            g=groups[-1]; g['last']=n; g['nl']+= 1 if unc else 0
            for k,m in parts: g['nb'][k]=g['nb'].get(k,0)+m
        else:
            groups.append({'keys':keys,'first':n,'last':n,'nl':1 if unc else 0,'nb':dict(parts)})
    for g in groups:
        lr = f"{g['first']}" if g['first']==g['last'] else f"{g['first']}-{g['last']}"
        brs = ", ".join(f"{m} {k}" if len(g['nb'])>1 else f"{m}" for k,m in g['nb'].items() if m) or "0"
        md.append(f"| {lr} | {g['nl']} | {brs} | {', '.join('`'+k+'`' for k in g['keys'])} |")
tot13=[sum(stats[f][i] for f in order[:-1]) for i in range(6)]
pe=stats[order[-1]]
def fig(t):
    T,C,ul,BT,BC,ub=t
    return (f"lines {C}/{T} = {100*C/T:.1f}%, reachable {C}/{T-ul} = {100*C/(T-ul):.1f}% ({ul} unreachable); "
            f"branches {BC}/{BT} = {100*BC/BT:.1f}%, reachable {BC}/{BT-ub} = {100*BC/(BT-ub):.1f}% ({ub} unreachable)")
summ=["| file | lines | reachable lines | branches | reachable branches |","|---|---|---|---|---|"]
for f in order+['13 files','process_events + 13']:
    if f=='13 files': t=tot13
    elif f=='process_events + 13': t=[tot13[i]+pe[i] for i in range(6)]
    else: t=stats[f]
    T,C,ul,BT,BC,ub=t
    name = f"`{f}`" if '/' in f else ('**the 13 files above process_events.cpp**' if f=='13 files' else '**all 14 files**')
    bs = ("%d/%d (%.1f%%)" % (BC,BT,100*BC/BT)) if BT else "0/0"
    rb = f"{BC}/{BT-ub} ({100*BC/(BT-ub):.1f}%)" if BT-ub else "-"
    summ.append(f"| {name} | {C}/{T} ({100*C/T:.1f}%) | {C}/{T-ul} ({100*C/(T-ul):.1f}%) | {bs} | {rb} |")
json.dump({'stats':stats,'tot13':tot13,'bykey':bykey}, open(out+'.json','w'), indent=1)
legend=["| reason | counted as | lines | branches | what it is |","|---|---|---|---|---|"]
for k,(l,b) in sorted(bykey.items(), key=lambda x:(not R.get(x[0],(False,))[0], -x[1][0]-x[1][1])):
    legend.append(f"| `{k}` | {'unreachable' if R.get(k,(False,))[0] else '**reachable**'} | {l} | {b} | {R.get(k,(False,'no reason assigned'))[1]} |")
open(out+'.md','w').write("\n".join(summ)+"\n\n"+"\n".join(legend)+"\n"+"\n".join(md)+"\n")
print("13 files:", fig(tot13)); print("process_events:", fig(pe))
print("with process_events:", fig([tot13[i]+pe[i] for i in range(6)]))
print("by key (lines, branches):"); 
for k,v in sorted(bykey.items(), key=lambda x:-x[1][0]-x[1][1]): print(f"  {k:12} {v} {'unreach' if R.get(k,(False,))[0] else 'REACH'}")
