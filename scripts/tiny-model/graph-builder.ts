/**
 * A minimal ONNX graph builder: named inputs/outputs, initializers stored as raw little-endian bytes
 * (optionally in an external-data file, like exports of models over 2 GB) and nodes with typed
 * attributes. Node outputs get unique generated names.
 */
import { AttributeType, DataType, encodeModel } from "./onnx-schema.ts";

/** A float attribute (plain numbers are int attributes, number arrays are ints). */
export interface FloatAttr {
  readonly f: number;
}

/** An attribute value: int, ints, float ({ f }) or string ({ s }). */
export type AttrValue = number | readonly number[] | FloatAttr | { readonly s: string };

type ElemType = (typeof DataType)[keyof typeof DataType];
type TensorData = Float32Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

/** Options of {@link GraphBuilder}. */
export interface GraphBuilderOptions {
  /** Store initializers of at least `threshold` bytes in this external-data file (name relative to the model). */
  readonly externalData?: { readonly location: string; readonly threshold?: number };
}

/**
 * Builds one ONNX graph.
 *
 * @example
 * const g = new GraphBuilder();
 * const x = g.input("x", DataType.FLOAT, ["batch", 4]);
 * g.output(g.op("Relu", [x], {}, "y"), DataType.FLOAT, ["batch", 4]);
 * const { bytes } = g.toModel();
 */
export class GraphBuilder {
  private readonly nodes: Record<string, unknown>[] = [];
  private readonly initializers: Record<string, unknown>[] = [];
  private readonly inputs: Record<string, unknown>[] = [];
  private readonly outputs: Record<string, unknown>[] = [];
  private readonly external: Uint8Array[] = [];
  private externalLength = 0;
  private counter = 0;

  constructor(private readonly options: GraphBuilderOptions = {}) {}

  /** Declares a graph input; dims are numbers or symbolic names. */
  input(name: string, elemType: ElemType, dims: readonly (number | string)[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** Declares a graph output. */
  output(name: string, elemType: ElemType, dims: readonly (number | string)[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** Adds a float32 initializer. */
  float(name: string, dims: readonly number[], data: Float32Array | readonly number[]): string {
    const array = data instanceof Float32Array ? data : Float32Array.from(data);
    return this.initializer(name, DataType.FLOAT, dims, array);
  }

  /** Adds an int64 initializer. */
  int64(name: string, dims: readonly number[], data: readonly number[]): string {
    return this.initializer(name, DataType.INT64, dims, BigInt64Array.from(data.map((v) => BigInt(v))));
  }

  /** Adds an initializer of any supported element type. */
  initializer(name: string, dataType: ElemType, dims: readonly number[], data: TensorData): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (count !== data.length) throw new Error(`initializer ${name}: ${data.length} values for dims ${dims}`);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const ext = this.options.externalData;
    if (ext && bytes.byteLength >= (ext.threshold ?? 1024)) {
      // 4096-byte alignment lets the runtime memory-map the data file
      const offset = Math.ceil(this.externalLength / 4096) * 4096;
      if (offset > this.externalLength) this.external.push(new Uint8Array(offset - this.externalLength));
      this.external.push(bytes.slice());
      this.externalLength = offset + bytes.byteLength;
      this.initializers.push({
        name,
        dims: [...dims],
        dataType,
        dataLocation: 1,
        externalData: [
          { key: "location", value: ext.location },
          { key: "offset", value: String(offset) },
          { key: "length", value: String(bytes.byteLength) },
        ],
      });
    } else {
      this.initializers.push({ name, dims: [...dims], dataType, rawData: bytes.slice() });
    }
    return name;
  }

  /** Adds a node and returns its (first) output name. */
  op(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, AttrValue> = {},
    output?: string,
  ): string {
    const out = output ?? `${opType.toLowerCase()}_${this.counter++}`;
    this.nodes.push({
      opType,
      input: [...inputs],
      output: [out],
      name: `${out}_node`,
      attribute: Object.entries(attrs).map(([name, value]) => attribute(name, value)),
    });
    return out;
  }

  /** Serialises the graph as an opset-17 model; `externalData` holds the data file's bytes when used. */
  toModel(name = "clinspan-tiny"): { bytes: Uint8Array; externalData?: Uint8Array } {
    const bytes = encodeModel({
      irVersion: 8,
      producerName: "clinspan-make-tiny-model",
      producerVersion: "1",
      opsetImport: [{ domain: "", version: 17 }],
      graph: {
        name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    if (!this.options.externalData) return { bytes };
    return { bytes, externalData: Buffer.concat(this.external) };
  }
}

function valueInfo(name: string, elemType: number, dims: readonly (number | string)[]) {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttrValue): Record<string, unknown> {
  if (typeof value === "number") return { name, type: AttributeType.INT, i: value };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: [...value] };
  if ("f" in (value as object)) return { name, type: AttributeType.FLOAT, f: (value as FloatAttr).f };
  return { name, type: AttributeType.STRING, s: Buffer.from((value as { s: string }).s) };
}
