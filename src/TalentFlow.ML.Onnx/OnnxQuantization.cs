namespace TalentFlow.ML.Onnx;

/// <summary>How the encoder's dense layers are stored and multiplied (<c>Onnx:Quantization</c>).</summary>
public enum OnnxQuantization
{
    /// <summary>The model as exported: float32 throughout.</summary>
    None,

    /// <summary>
    /// Dynamic int8 quantisation, applied at load (<see cref="Graph.OnnxModelGraph.WriteInt8"/>): dense-layer weights as
    /// int8 with one scale per output column, activations quantised per call; embeddings, attention products, layer norms,
    /// pooling and the FFN down-projections of the first half of the layers stay float32. Embeddings differ slightly from float32's, so the encoder's version id ends in
    /// <c>:int8</c> and its vectors are never mixed with float32's.
    /// </summary>
    Int8,
}
