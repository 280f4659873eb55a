#!/usr/bin/python3
"""Writes tests/TalentFlow.ML.Tests/ConvFm/convfm_golden.json: a tiny ConvFM in PyTorch, its fixed initial weights, and
what two training steps (forward, BCE-with-logits loss, backward, Adam) produce, for ConvFmGoldenTests to match in C#.

The module below is the anchor's ConvFM class (convfm_anchor.py in the shared anchors) copied verbatim, so the committed
script stands alone. Dimensions are small (embedding 8, conv 8 filters, deep 16-8-4, vocabularies 4/5/6/3/3) so the file stays
readable. Dropout is built with p=0, which is an exact identity in training mode; BatchNorm runs in training mode (batch
statistics, running statistics updated). Dropout's random masks cannot be reproduced across frameworks, so it is proved by
the C# finite-difference check (fixed mask) instead.

Needs Debian's python3-torch:  apt-get install -y python3-torch && /usr/bin/python3 eng/convfm/make_convfm_golden.py
"""
import json
import os

import torch
import torch.nn as nn


class ConvFM(nn.Module):
    def __init__(self, n_user, n_job, n_skill, n_loc, n_comp, d=64, hidden=(128, 64, 32), p=0.2):
        super().__init__()
        self.user, self.job = nn.Embedding(n_user, d), nn.Embedding(n_job, d)
        self.skill = nn.Embedding(n_skill, d, padding_idx=0)
        self.loc, self.comp = nn.Embedding(n_loc, d), nn.Embedding(n_comp, d)
        self.lin = nn.ModuleList([nn.Embedding(n, 1) for n in (n_user, n_job, n_loc, n_comp)])
        self.bias = nn.Parameter(torch.zeros(1))
        self.conv = nn.Conv1d(d, d, kernel_size=3, padding=1)
        layers, width = [], 5 * d + d
        for h in hidden:
            layers += [nn.Linear(width, h), nn.BatchNorm1d(h), nn.ReLU(), nn.Dropout(p)]
            width = h
        layers.append(nn.Linear(width, 1))
        self.deep = nn.Sequential(*layers)

    def forward(self, u, j, sk, l, c):
        mask = (sk > 0).float().unsqueeze(2)
        skill = (self.skill(sk) * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        e = torch.stack([self.user(u), self.job(j), skill, self.loc(l), self.comp(c)], dim=2)
        conv = torch.relu(self.conv(e)).mean(dim=2)
        s = e.sum(dim=2)
        fm = 0.5 * (s * s - (e * e).sum(dim=2)).sum(dim=1)
        linear = self.bias + sum(t(x).squeeze(1) for t, x in zip(self.lin, (u, j, l, c)))
        deep = self.deep(torch.cat([e.flatten(1), conv], dim=1)).squeeze(1)
        return linear + fm + deep


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def main():
    torch.manual_seed(20261124)
    sizes = {"users": 4, "jobs": 5, "skills": 6, "locations": 3, "companies": 3}
    dim, hidden, lr = 8, (16, 8, 4), 1e-3
    model = ConvFM(*sizes.values(), d=dim, hidden=hidden, p=0.0)
    with torch.no_grad():
        # Embeddings at N(0, 0.5²) keep the FM term of this tiny model in a range where BCE's gradient is not saturated.
        for emb in (model.user, model.job, model.skill, model.loc, model.comp):
            emb.weight.mul_(0.5)
        model.skill.weight[0].zero_()
        model.bias.fill_(0.1)
    model.train()
    initial = {k: flat(v) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    shapes = {k: list(v.shape) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    trainable = [n for n, _ in model.named_parameters()]

    # Fixed batch: skills padded with 0; one example without skills; a skill repeated; user 3 and job 4 unused (zero gradient).
    batch = {
        "user": [0, 1, 2, 0, 1, 2],
        "job": [0, 1, 2, 3, 1, 0],
        "skills": [[1, 2, 0], [3, 0, 0], [0, 0, 0], [4, 5, 1], [2, 2, 0], [5, 0, 0]],
        "location": [0, 1, 2, 1, 0, 2],
        "company": [2, 1, 0, 0, 1, 2],
        "label": [1.0, 0.0, 1.0, 0.0, 0.0, 1.0],
    }
    args = [torch.tensor(batch[k]) for k in ("user", "job", "skills", "location", "company")]
    y = torch.tensor(batch["label"])
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    lossf = nn.BCEWithLogitsLoss()

    # A Linear bias right before BatchNorm has an exactly zero gradient (BatchNorm subtracts the batch mean), so what
    # backward gives is float rounding noise (~1e-8), and Adam would turn that noise into a step of about ±lr that no other
    # implementation can reproduce. Those gradients are still recorded (and must be ~0 in C# too), but the biases are left
    # out of the Adam step (grad None), which is what exact arithmetic would do; the C# test zeroes them likewise.
    shadowed = [f"deep.{4 * i}.bias" for i in range(len(hidden))]
    params = dict(model.named_parameters())
    steps = []
    for _ in range(2):
        opt.zero_grad()
        logits = model(*args)
        loss = lossf(logits, y)
        loss.backward()
        grads = {n: flat(p.grad) for n, p in model.named_parameters()}
        for name in shadowed:
            params[name].grad = None
        opt.step()
        state = {k: flat(v) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
        steps.append({"logits": flat(logits), "loss": float(loss), "grads": grads, "after": state})

    # Evaluation mode after the two steps: BatchNorm on the running statistics.
    model.eval()
    with torch.no_grad():
        eval_logits = flat(model(*args))

    tiny = sorted({n for s in steps for n, v in s["grads"].items() for g in v if 0 < abs(g) < 1e-5 and n not in shadowed})
    assert not tiny, f"gradients too close to 0 for Adam's first step to be well conditioned: {tiny}"

    out = {
        "generator": "eng/convfm/make_convfm_golden.py, PyTorch " + torch.__version__,
        "options": {"embedding_dim": dim, "conv_filters": dim, "kernel": 3, "padding": 1, "hidden": list(hidden),
                    "dropout": 0.0, "learning_rate": lr, "batchnorm_eps": 1e-5, "batchnorm_momentum": 0.1},
        "sizes": sizes,
        "shapes": shapes,
        "trainable": trainable,
        "noise_gradients": shadowed,
        "initial": initial,
        "batch": batch,
        "steps": steps,
        "eval_logits": eval_logits,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "TalentFlow.ML.Tests", "ConvFm",
                        "convfm_golden.json")
    with open(path, "w") as f:
        # One line per top-level key keeps the file small and its diffs readable.
        f.write("{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in out.items()) + "\n}\n")
    print(f"wrote {os.path.normpath(path)}: loss {steps[0]['loss']:.6f} then {steps[1]['loss']:.6f}")


if __name__ == "__main__":
    main()
