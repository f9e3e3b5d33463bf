/**
 * The simulated plant's OPC UA server (node-opcua): one variable per process value, named as a plant's
 * server would, `ns=1;s=<Kind>.<Equipment>.<Quantity>.PV` for measurements (read-only) and `.SV` for
 * setpoints (writable). The simulator pushes every measurement with its StatusCode and SourceTimestamp;
 * a client's write to an SV node is handed to `onWrite`. Security modes None, Sign and SignAndEncrypt
 * (Basic256Sha256) are offered; the server's PKI lives in `pkiDir`.
 */
import { OPCUACertificateManager } from 'node-opcua-certificate-manager';
import {
  DataType,
  MessageSecurityMode,
  SecurityPolicy,
  StatusCodes,
  Variant,
  type StatusCode,
} from 'node-opcua-client';
import { OPCUAServer } from 'node-opcua-server';

/** node-opcua-server does not re-export its address space's variable type: it is what addVariable gives. */
type UAVariable = ReturnType<
  ReturnType<NonNullable<OPCUAServer['engine']['addressSpace']>['getOwnNamespace']>['addVariable']
>;

export interface PlantNode {
  /** The string part of the NodeId, e.g. Reactor.R101.Temperature.PV. */
  id: string;
  initial: number;
  /** SV nodes: clients may write them. */
  writable?: boolean;
}

export interface PlantOpcuaServerOptions {
  port: number;
  nodes: PlantNode[];
  pkiDir: string;
  /** A client's write to a writable node. */
  onWrite?: (id: string, value: number) => void;
  /** Accept clients' certificates not yet trusted (a demo; default true). */
  trustUnknownClients?: boolean;
}

export class PlantOpcuaServer {
  private constructor(
    private readonly server: OPCUAServer,
    private readonly variables: Map<string, UAVariable>,
    private readonly certificates: OPCUACertificateManager,
    readonly endpoint: string,
  ) {}

  static async start(options: PlantOpcuaServerOptions): Promise<PlantOpcuaServer> {
    const certificates = new OPCUACertificateManager({
      rootFolder: options.pkiDir,
      automaticallyAcceptUnknownCertificate: options.trustUnknownClients ?? true,
    });
    await certificates.initialize();
    const server = new OPCUAServer({
      port: options.port,
      hostname: '127.0.0.1',
      resourcePath: '/UA/Plant',
      buildInfo: { productName: 'DX Hub demo plant', manufacturerName: 'DX Hub' },
      serverCertificateManager: certificates,
      securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
      securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
      allowAnonymous: true,
    });
    await server.initialize();
    const addressSpace = server.engine.addressSpace!;
    const namespace = addressSpace.getOwnNamespace();
    const variables = new Map<string, UAVariable>();
    for (const node of options.nodes) {
      const variable = namespace.addVariable({
        organizedBy: addressSpace.rootFolder.objects,
        browseName: node.id,
        nodeId: `s=${node.id}`,
        dataType: 'Double',
        accessLevel: node.writable ? 'CurrentRead | CurrentWrite' : 'CurrentRead',
        userAccessLevel: node.writable ? 'CurrentRead | CurrentWrite' : 'CurrentRead',
        minimumSamplingInterval: 0,
      });
      variable.setValueFromSource(
        new Variant({ dataType: DataType.Double, value: node.initial }),
        StatusCodes.Good,
      );
      if (node.writable && options.onWrite) {
        const onWrite = options.onWrite;
        const original = variable.writeValue.bind(variable);
        // Writes from clients only: setValueFromSource (the simulator's own updates) does not pass here.
        variable.writeValue = ((context, dataValue, ...rest) => {
          const value: unknown = dataValue.value?.value;
          if (typeof value === 'number') onWrite(node.id, value);
          return (original as (...a: unknown[]) => unknown)(context, dataValue, ...rest);
        }) as typeof variable.writeValue;
      }
      variables.set(node.id, variable);
    }
    await server.start();
    const endpoint = `opc.tcp://127.0.0.1:${options.port}/UA/Plant`;
    return new PlantOpcuaServer(server, variables, certificates, endpoint);
  }

  /** Sets a measurement as the plant's instrument reports it. */
  set(id: string, value: number, status: StatusCode = StatusCodes.Good, sourceTimestamp = new Date()): void {
    const variable = this.variables.get(id);
    if (!variable) throw new Error(`the plant has no node ${id}`);
    variable.setValueFromSource(new Variant({ dataType: DataType.Double, value }), status, sourceTimestamp);
  }

  get(id: string): number | undefined {
    const value: unknown = this.variables.get(id)?.readValue().value.value;
    return typeof value === 'number' ? value : undefined;
  }

  get sessions(): number {
    return this.server.currentSessionCount;
  }

  async stop(): Promise<void> {
    await this.server.shutdown(0);
    await this.certificates.dispose();
  }
}
