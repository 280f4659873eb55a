#!/usr/bin/env python3
"""Builds the tiny BERT-shaped ONNX model and the golden files that tests/TalentFlow.ML.Onnx.Tests check against.

No pretrained weights can be downloaded here, so the encoder is tested on a model of our own: BERT's architecture
(embeddings + post-LayerNorm encoder layers, GELU), random weights from a fixed seed, a small hand-written vocabulary.
It is exported the way sentence-transformers models are (inputs input_ids / attention_mask / token_type_ids, int64,
output last_hidden_state, dynamic batch and sequence axes), so the C# loader sees what it sees with all-MiniLM-L6-v2.

The golden file holds, per sentence: the pre-tokens and WordPiece tokens of a reference tokenizer (below; it follows
Hugging Face's BertNormalizer + BertPreTokenizer + WordPiece, i.e. the fast tokenizer sentence-transformers uses), the
ids after truncation at max_seq_length, and the embedding PyTorch computes: mean pooling over the attention mask, then
L2 normalisation, each sentence run alone (no padding), so the C# batch path must get padding and masking right.

Usage (Debian's python3-torch; `apt-get install -y python3-torch`):
    /usr/bin/python3 eng/onnx/make_tiny_bert.py
Rewrites tests/TalentFlow.ML.Onnx.Tests/TinyBert/{model.onnx,vocab.txt,tokenizer.json,sentence_bert_config.json,golden.json}.
"""
import json
import math
import pathlib
import unicodedata

import torch
from torch import nn

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "TalentFlow.ML.Onnx.Tests" / "TinyBert"

SEED = 20251129
HIDDEN, LAYERS, HEADS, INTERMEDIATE, MAX_POSITIONS = 32, 2, 2, 64, 64
MAX_SEQ_LENGTH = 24
MAX_INPUT_CHARS_PER_WORD = 100

# Special tokens deliberately not at BERT's ids (0/100/101/102/103): the C# side must look them up by name.
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = """
the an and or of to in with for on at by is are was be as from this that it we you he she they
senior junior software engineer developer data scientist manager team lead python java net sql cloud
experience years skills education university degree bachelor master work project design build test
machine learning model resume job candidate interview hire remote office city new york london paris
cafe naive uber jose zurich munchen sao paulo resumes hello world email example com ready
""".split()
SUBWORDS = ["##s", "##ing", "##ed", "##er", "##ly", "##tion", "##script", "##a", "##e"]
LETTERS = list("abcdefghijklmnopqrstuvwxyz0123456789")
PUNCT = [chr(c) for c in range(33, 127) if not chr(c).isalnum()]
CJK = ["中", "文", "人", "日", "本"]

SENTENCES = [
    "Senior software engineer with Python and Java experience.",
    "Café résumé: naïve Über-José from Zürich & München!",
    "Hello, world! (C#/.NET) e-mail: jane@example.com; 100% ready...",
    "xyzzy frobnicate qwertyuiop",
    "",
    "   \t\n  ",
    " ".join(["Data scientist with machine learning and cloud experience in London and Paris."] * 4),
    "中文 resume 人日本 engineer",
    "ENGINEERING Engineers tested JavaScript",
    "a" * 101 + " " + "a" * 5 + " " + "a" * 100,
    "tab\there\u0000null\u200bzero\u00adwidth",
    "ΟΔΟΣ İstanbul 한국어 Ångström ﬁne",
    "emoji\U0001F600ok \U00020000x e\u0301te\u0301 \u0301alone",
]


# ---- reference tokenizer (BertNormalizer + BertPreTokenizer + WordPiece) -------------------------------------------

def is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch).startswith("C")


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_chinese(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def normalize(text):
    out = []
    for ch in text:  # clean_text
        if ord(ch) == 0 or ord(ch) == 0xFFFD or is_control(ch):
            continue
        out.append(" " if is_whitespace(ch) else ch)
    text = "".join(f" {ch} " if is_chinese(ord(ch)) else ch for ch in out)
    # strip_accents (follows lowercase), then lowercase one char at a time as the Rust normalizer does (no final sigma).
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return "".join(ch.lower() for ch in text)


def pre_tokenize(text):
    tokens, current = [], []
    for ch in text:
        if is_whitespace(ch) or ch.isspace():
            if current:
                tokens.append("".join(current))
                current = []
        elif is_punctuation(ch):
            if current:
                tokens.append("".join(current))
                current = []
            tokens.append(ch)
        else:
            current.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


def wordpiece(token, vocab):
    if len(token) > MAX_INPUT_CHARS_PER_WORD:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(token):
        end, found = len(token), None
        while start < end:
            piece = token[start:end] if start == 0 else "##" + token[start:end]
            if piece in vocab:
                found = piece
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def tokenize(text, vocab):
    pre = pre_tokenize(normalize(text))
    pieces = [p for t in pre for p in wordpiece(t, vocab)]
    kept = pieces[: MAX_SEQ_LENGTH - 2]
    ids = [vocab["[CLS]"]] + [vocab[p] for p in kept] + [vocab["[SEP]"]]
    return pre, pieces, ids


# ---- model ---------------------------------------------------------------------------------------------------------

class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v = nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN)
        self.o = nn.Linear(HIDDEN, HIDDEN)
        self.ln1 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.up, self.down = nn.Linear(HIDDEN, INTERMEDIATE), nn.Linear(INTERMEDIATE, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, additive_mask):
        b, s, _ = x.shape
        d = HIDDEN // HEADS

        def heads(t):
            return t.view(b, s, HEADS, d).transpose(1, 2)

        scores = heads(self.q(x)) @ heads(self.k(x)).transpose(-1, -2) / math.sqrt(d) + additive_mask
        ctx = (scores.softmax(-1) @ heads(self.v(x))).transpose(1, 2).reshape(b, s, HIDDEN)
        x = self.ln1(x + self.o(ctx))
        return self.ln2(x + self.down(nn.functional.gelu(self.up(x))))


class TinyBert(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.word = nn.Embedding(vocab_size, HIDDEN)
        self.position = nn.Embedding(MAX_POSITIONS, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1], dtype=torch.long).unsqueeze(0)
        x = self.ln(self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids))
        additive = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, additive)
        return x


def randomize(model):
    # Wider than BERT's 0.02 so that different sentences land clearly apart.
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("ln.weight") or ".ln" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.1 * torch.randn_like(p))
            elif name.endswith("bias"):
                p.copy_(0.1 * torch.randn_like(p))
            else:
                p.copy_(0.3 * torch.randn_like(p))


def embed(model, ids):
    with torch.no_grad():
        t = torch.tensor([ids], dtype=torch.long)
        mask = torch.ones_like(t)
        hidden = model(t, mask, torch.zeros_like(t))
        pooled = (hidden * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
        return nn.functional.normalize(pooled, p=2, dim=1)[0]


def main():
    torch.manual_seed(SEED)
    tokens = SPECIALS + PUNCT + LETTERS + CJK + WORDS + SUBWORDS
    assert len(tokens) == len(set(tokens)), "duplicate vocabulary entry"
    vocab = {t: i for i, t in enumerate(tokens)}

    model = TinyBert(len(tokens)).eval()
    randomize(model)

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    (OUT / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False}, indent=2) + "\n", encoding="utf-8")
    # A minimal tokenizer.json in Hugging Face's layout, for the loader's tokenizer.json path.
    tokenizer_json = {
        "version": "1.0",
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": MAX_INPUT_CHARS_PER_WORD, "vocab": vocab},
    }
    (OUT / "tokenizer.json").write_text(json.dumps(tokenizer_json, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")

    example = torch.tensor([[vocab["[CLS]"], vocab["hello"], vocab["[SEP]"]]], dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(
        model, (example, torch.ones_like(example), torch.zeros_like(example)), str(OUT / "model.onnx"),
        input_names=names, output_names=["last_hidden_state"],
        dynamic_axes={n: {0: "batch", 1: "sequence"} for n in names + ["last_hidden_state"]},
        opset_version=14, do_constant_folding=True)

    cases = []
    for text in SENTENCES:
        pre, pieces, ids = tokenize(text, vocab)
        cases.append({"text": text, "pre_tokens": pre, "word_pieces": pieces, "ids": ids,
                      "embedding": [round(float(x), 7) for x in embed(model, ids)]})

    # Sanity: the padded batch PyTorch computes must equal the one-at-a-time golden (the mask works).
    width = max(len(c["ids"]) for c in cases)
    batch = torch.tensor([c["ids"] + [0] * (width - len(c["ids"])) for c in cases])
    mask = torch.tensor([[1] * len(c["ids"]) + [0] * (width - len(c["ids"])) for c in cases])
    with torch.no_grad():
        hidden = model(batch, mask, torch.zeros_like(batch))
        pooled = (hidden * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
        batched = nn.functional.normalize(pooled, p=2, dim=1)
    alone = torch.tensor([c["embedding"] for c in cases])
    assert (batched - alone).abs().max().item() < 1e-5, (batched - alone).abs().max().item()

    golden = {"max_seq_length": MAX_SEQ_LENGTH, "hidden": HIDDEN, "seed": SEED, "torch": torch.__version__,
              "special_ids": {t: vocab[t] for t in SPECIALS}, "cases": cases}
    (OUT / "golden.json").write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    size = (OUT / "model.onnx").stat().st_size
    print(f"vocab {len(tokens)}, model.onnx {size} bytes, {len(cases)} cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
