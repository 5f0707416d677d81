"""N-tier frontier rules on out-of-fold router predictions (routerbench-train, 11 models, real cost_usd).

Usage: python3 bench/router-analysis/ntier_oof.py OOF.jsonl ../shared/data/train/routerbench-train.jsonl
OOF.jsonl comes from `tiergate train ... --cv --oof-out OOF.jsonl` (per-row P(acceptable) for every model, each row
predicted by a model that did not see it). Prints, per rule, the best quality within a cost budget (fraction of
gpt-4's cost), whether gpt-4's quality is reached and which single models no frontier point weakly dominates.
Rules: cost-aware utility (argmax P - lambda log price), GAP (cheapest model within t of gpt-4's prediction), the
same after per-model isotonic calibration (5-fold over the OOF rows, seed 7), and a router that knows each prompt's
source and predicts the source's mean outcome per model (5-fold): the ceiling of source-level routing.
Needs numpy. An analysis aid for docs/BENCHMARKS.md, not part of the product.
"""
import json, sys
import numpy as np
OOF, D = sys.argv[1], sys.argv[2]
L=["mistralai/mistral-7b-chat","WizardLM/WizardLM-13B-V1.2","mixtral-8x7b-instruct","meta/code-llama-instruct-34b-chat","zero-one-ai/Yi-34B-Chat","claude-instant-v1","meta/llama-2-70b-chat","gpt-3.5-turbo-1106","claude-v1","claude-v2","gpt-4-1106-preview"]
oof={}
for line in open(OOF):
    r=json.loads(line); oof[r['id']]=r['p']
rows=[json.loads(l) for l in open(D)]
rows=[r for r in rows if all(m in r['outcomes'] and 'cost_usd' in r['outcomes'][m] for m in L) and r['id'] in oof]
n=len(rows); print('rows',n)
S=np.array([[r['outcomes'][m]['score'] for m in L] for r in rows])
C=np.array([[r['outcomes'][m]['cost_usd'] for m in L] for r in rows])
P=np.array([[oof[r['id']][m] for m in L] for r in rows])
src=[r['source'] for r in rows]
single=[(L[j],S[:,j].mean(),C[:,j].sum()) for j in range(len(L))]
price=C.mean(axis=0)  # mean cost per call (price list)
g4=len(L)-1; g4q=S[:,g4].mean(); g4c=C[:,g4].sum()
def evalsel(sel):
    idx=np.arange(n); return S[idx,sel].mean(), C[idx,sel].sum()
def frontier(points):
    pts=sorted(points,key=lambda p:(p[1],-p[0])); out=[]; best=-1
    for q,c in pts:
        if q>best: out.append((q,c)); best=q
    return out
def report(name,pts):
    f=frontier(pts)
    def q_at(b): 
        v=[q for q,c in f if c<=b]; return max(v) if v else float('nan')
    undominated=[m for m,q,c in single if not any(fq>=q-1e-12 and fc<=c+1e-9 for fq,fc in f)]
    reach=min([c for q,c in f if q>=g4q-1e-12],default=None)
    print(f"{name:40s} q@4.9%={q_at(0.0494*g4c):.3f} q@10%={q_at(.1*g4c):.3f} q@20%={q_at(.2*g4c):.3f} q@40%={q_at(.4*g4c):.3f} reach_g4={'%.0f%%'%(100*reach/g4c) if reach else 'never'} undominated={[u.split('/')[-1] for u in undominated]}")
def utility(models, Pm=P, lams=np.concatenate([np.geomspace(1e-4,2,300)])):
    pts=[]
    lc=np.log(price)
    for lam in lams:
        u=Pm[:,models]-lam*lc[models]
        sel=np.array(models)[u.argmax(axis=1)]
        pts.append(evalsel(sel))
    return pts
def gap(models, Pm=P):
    pts=[]
    top=models[-1]
    for t in np.concatenate([np.linspace(-0.5,1,600)]):
        ok=Pm[:,models]>=Pm[:,[top]]-t
        first=ok.argmax(axis=1)
        sel=np.array(models)[first]
        pts.append(evalsel(sel))
    return pts
allm=list(range(len(L)))
for m,q,c in single: print(f"  {m:40s} {q:.3f} {c:.3f}")
report('utility all 11',utility(allm))
report('gap all 11',gap(allm))
pareto=[0,2,4,10]
report('utility pareto(mistral,mixtral,Yi,gpt4)',utility(pareto))
report('gap pareto',gap(pareto))
report('utility (mixtral,Yi,gpt4)',utility([2,4,10]))
report('gap (mixtral,Yi,gpt4)',gap([2,4,10]))
report('utility (mistral,mixtral,Yi,gpt35,gpt4)',utility([0,2,4,7,10]))

def pav(x,y):
    o=np.argsort(x); xs=x[o]; ys=y[o].astype(float)
    vals=[];wts=[];ends=[]
    for i,v in enumerate(ys):
        vals.append(v);wts.append(1.0);ends.append(i)
        while len(vals)>1 and vals[-2]>vals[-1]:
            w=wts[-2]+wts[-1]; v2=(vals[-2]*wts[-2]+vals[-1]*wts[-1])/w
            vals[-2:]=[v2];wts[-2:]=[w];ends[-2:]=[ends[-1]]
    # step function: thresholds at xs[end]
    bx=np.array([xs[e] for e in ends]); bv=np.array(vals)
    return bx,bv
def apply(bx,bv,x):
    i=np.searchsorted(bx,x,side='left'); i=np.clip(i,0,len(bv)-1); return bv[i]
rng=np.random.default_rng(7); fold=rng.integers(0,5,n)
Pc=np.zeros_like(P)
for j in range(len(L)):
    for f in range(5):
        tr=fold!=f; te=fold==f
        bx,bv=pav(P[tr,j],S[tr,j]); Pc[te,j]=apply(bx,bv,P[te,j])
report('utility all 11, isotonic-calibrated',utility(allm,Pc))
report('gap all 11, isotonic-calibrated',gap(allm,Pc))
# per-source mean as a baseline predictor (the source-identification signal alone)
Ps=np.zeros_like(P)
for f in range(5):
    tr=fold!=f; te=fold==f
    for s in set(src):
        m=np.array([x==s for x in src]); Ps[te&m]=S[tr&m].mean(axis=0)
report('utility all 11, per-source means only',utility(allm,Ps))
