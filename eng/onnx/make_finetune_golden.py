#!/usr/bin/python3
"""Golden gradients for the C# fine-tuner: the top K layers of all-MiniLM-L6-v2 trained on a few text pairs, in PyTorch.

Imports ../shared/anchors/minilm_anchor.py (its WordPiece, weight loader and Bert module; nothing copied) and, for each of
the two losses the C# trainer has (CoSENT, scale 20; in-batch InfoNCE, temperature 0.07), writes the loss, the unit
embeddings and the gradients of the top K layers' parameters (ONNX layout: dense weights [in, out]) — their norms and a
fixed sample of entries, so the file stays small. The batch is padded with an attention mask, as sentence-transformers
runs it; the C# side runs each text at its own length.

  /usr/bin/python3 eng/onnx/make_finetune_golden.py --anchor ../shared/anchors/minilm_anchor.py \
      --model src/TalentFlow.ML.Onnx/obj/minilm --out tests/TalentFlow.ML.Onnx.Tests/FineTuningGolden/golden.json
"""
import argparse, importlib.util, json

import torch

PAIRS = [  # (resume side, job side, label): our own sentences
    ("Senior Python developer: Django, PostgreSQL, AWS and CI pipelines.", "Software Developers: design and build applications.", 1.0),
    ("Registered nurse in a cardiac unit, patient care and charting.", "Accountants and auditors examine financial records.", 0.0),
    ("Line cook and sous chef, menu planning, food safety.", "Chefs and Head Cooks direct food preparation.", 1.0),
    ("Tax preparer, bookkeeping, payroll, QuickBooks.", "Graphic Designers create visual concepts!", 0.0),
]
SUFFIXES = ["attention.self.query.weight", "attention.self.query.bias", "attention.self.key.weight", "attention.self.key.bias",
            "attention.self.value.weight", "attention.self.value.bias", "attention.output.dense.weight",
            "attention.output.dense.bias", "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
            "intermediate.dense.weight", "intermediate.dense.bias", "output.dense.weight", "output.dense.bias",
            "output.LayerNorm.weight", "output.LayerNorm.bias"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--anchor", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--train-layers", type=int, default=2)
    ap.add_argument("--max-length", type=int, default=32)
    ap.add_argument("--samples", type=int, default=48)
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("minilm_anchor", a.anchor)
    anchor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(anchor)
    torch.manual_seed(20261207)
    torch.set_num_threads(1)

    tok = anchor.WordPiece(a.model.rstrip("/") + "/vocab.txt")
    model = anchor.Bert(anchor.load_weights(a.model.rstrip("/") + "/model.onnx")).eval()  # eval: no dropout, as the C# side
    top = range(model.layers - a.train_layers, model.layers)
    keep = tuple("encoder.layer.%d." % l for l in top)
    for name, p in model.w.items():
        p.requires_grad_(name.startswith(keep))
    left = [tok.encode(p[0], a.max_length) for p in PAIRS]
    right = [tok.encode(p[1], a.max_length) for p in PAIRS]
    labels = torch.tensor([p[2] for p in PAIRS])
    (li, lm), = list(anchor.batches(left, len(left)))
    (ri, rm), = list(anchor.batches(right, len(right)))

    def cosent(el, er):
        cos = (el * er).sum(1) * 20.0
        diff = cos[None, :] - cos[:, None]  # [i, j] = λ(cos_j − cos_i)
        diff = diff - (1 - (labels[:, None] > labels[None, :]).float()) * 1e12
        return torch.logsumexp(torch.cat([torch.zeros(1), diff.view(-1)]), 0)

    def infonce(el, er):
        return torch.nn.functional.cross_entropy(el @ er.T / 0.07, torch.arange(len(el)))

    gen = torch.Generator().manual_seed(7)
    out = {"train_layers": a.train_layers, "max_length": a.max_length, "left_ids": left, "right_ids": right,
           "labels": labels.tolist(), "losses": {}}
    for loss_name, fn in (("cosent", cosent), ("contrastive", infonce)):
        for p in model.parameters():
            p.grad = None
        el, er = model(li, lm), model(ri, rm)
        loss = fn(el, er)
        loss.backward()
        grads = {}
        for l in top:
            for s in SUFFIXES:
                name = "encoder.layer.%d.%s" % (l, s)
                g = model.w[name].grad
                if s.endswith(".weight") and "LayerNorm" not in s:
                    g = g.t()  # torch Linear [out, in] -> ONNX MatMul [in, out]
                flat = g.contiguous().view(-1)
                idx = torch.randint(0, flat.numel(), (a.samples,), generator=gen)
                grads["%d.%s" % (l, s)] = {"norm": float(flat.norm()), "index": idx.tolist(),
                                           "value": [float(x) for x in flat[idx]]}
        out["losses"][loss_name] = {"loss": float(loss), "left": [[round(float(x), 7) for x in e] for e in el.detach()],
                                    "right": [[round(float(x), 7) for x in e] for e in er.detach()], "gradients": grads}
    with open(a.out, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
