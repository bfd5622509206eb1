import {
  PactCommandFactory,
  type ChainwebNodeClient,
  type CommandSigner,
  type PactCommandResult,
  type SignedPactCommand,
} from '@spv-cloud/chain-client';
import type { IUnsignedCommand } from '@kadena/client';
import { ContractDeployError } from './contract-deploy.errors';
import type { ContractSource, DeployUnit } from './contract-sources';
import type { DeployNetwork } from './deploy-config';
import { withDeployment, type DeployManifest } from './deploy-manifest';

export type DeployAction = 'define-keysets' | 'deploy' | 'upgrade' | 'skip';

export interface PlannedCommand {
  readonly chainId: number;
  readonly unit: DeployUnit['name'];
  readonly action: DeployAction;
  /** Absent for `skip`. */
  readonly command?: IUnsignedCommand;
}

export interface DeployOutcome {
  readonly chainId: number;
  readonly unit: DeployUnit['name'];
  readonly action: DeployAction;
  readonly moduleHash?: string;
  readonly requestKey?: string;
}

export interface ContractDeployerOptions {
  readonly target: DeployNetwork;
  readonly sources: readonly ContractSource[];
  readonly manifest: DeployManifest;
  /** Called with the new manifest after every deployed unit. */
  readonly saveManifest: (manifest: DeployManifest) => void;
  readonly log: (line: string) => void;
  /** Needed by deploy(), not by plan(). */
  readonly client?: ChainwebNodeClient;
  readonly signer?: CommandSigner;
  /** A subset of the network's chains. */
  readonly chains?: readonly number[];
  /** A subset of the units (the keysets are still checked first on each chain). */
  readonly only?: readonly DeployUnit['name'][];
  /** Run keysets.pact again even where the keysets exist (rotation). */
  readonly rotateKeysets?: boolean;
  readonly clock?: () => Date;
  readonly nonce?: () => string;
}

/**
 * Deploys the keysets and every module to every chain of a network through the chain client:
 * probes each chain with /local (describe-keyset, describe-module), skips what already runs this
 * exact source, deploys (or upgrades, `"upgrade": true`) the rest — preflight /local, send, listen —
 * and records the deployed module hash per chain in the manifest after each unit.
 */
export class ContractDeployer {
  private readonly factory: PactCommandFactory;
  private manifest: DeployManifest;

  constructor(private readonly options: ContractDeployerOptions) {
    const { target } = options;
    this.manifest = options.manifest;
    this.factory = new PactCommandFactory({
      networkId: target.network.networkId,
      namespace: target.namespace,
      gasPayer: target.gasPayer,
      operatorPublicKey: target.keysets['spv-cloud-operator'].keys[0]!,
      gasLimit: target.gasLimit,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.nonce ? { nonce: options.nonce } : {}),
    });
    for (const chainId of options.chains ?? []) {
      if (!target.network.chainIds.includes(chainId))
        throw new ContractDeployError('usage', `chain ${chainId} is not a chain of ${target.network.name}`);
    }
  }

  get chains(): readonly number[] {
    return this.options.chains ?? this.options.target.network.chainIds;
  }

  /**
   * The commands a deployment would send, decided from the manifest alone (no network access): what
   * the manifest records as deployed with this source is skipped, other recorded modules are upgraded.
   */
  plan(): PlannedCommand[] {
    const planned: PlannedCommand[] = [];
    for (const chainId of this.chains) {
      const deployed = this.manifest.chains[String(chainId)] ?? {};
      for (const source of this.selectedSources()) {
        const recorded = deployed[source.unit.name];
        let action: DeployAction;
        if (source.unit.kind === 'keysets')
          action = recorded && !this.options.rotateKeysets ? 'skip' : 'define-keysets';
        else if (recorded?.sourceHash === source.sourceHash) action = 'skip';
        else action = recorded ? 'upgrade' : 'deploy';
        planned.push({
          chainId,
          unit: source.unit.name,
          action,
          ...(action === 'skip' ? {} : { command: this.command(chainId, source, action === 'upgrade') }),
        });
      }
    }
    return planned;
  }

  /** Prints the plan: one header line per unit and chain, then the command (cmd decoded). */
  printPlan(): PlannedCommand[] {
    const planned = this.plan();
    for (const item of planned) {
      this.options.log(`# chain ${item.chainId} ${item.unit}: ${item.action}`);
      if (item.command)
        this.options.log(
          JSON.stringify({ hash: item.command.hash, cmd: JSON.parse(item.command.cmd) as unknown }, null, 2),
        );
    }
    return planned;
  }

  async deploy(): Promise<DeployOutcome[]> {
    const { client, signer } = this.options;
    if (!client || !signer)
      throw new ContractDeployError(
        'keys_missing',
        'deploy needs a chain client and a signer (only --dry-run works without keys)',
      );
    const outcomes: DeployOutcome[] = [];
    for (const chainId of this.chains) {
      for (const source of this.selectedSources()) {
        outcomes.push(await this.deployUnit(client, signer, chainId, source));
      }
    }
    return outcomes;
  }

  private selectedSources(): ContractSource[] {
    const only = this.options.only;
    return this.options.sources.filter(
      (s) => !only || only.includes(s.unit.name) || s.unit.kind === 'keysets',
    );
  }

  private async deployUnit(
    client: ChainwebNodeClient,
    signer: CommandSigner,
    chainId: number,
    source: ContractSource,
  ): Promise<DeployOutcome> {
    const { log } = this.options;
    const unit = source.unit.name;
    const recorded = this.manifest.chains[String(chainId)]?.[unit];
    let action: DeployAction;
    let before: string | undefined;
    if (source.unit.kind === 'keysets') {
      const exists = await this.probe(
        client,
        chainId,
        `(describe-keyset ${JSON.stringify(`${this.options.target.namespace}.spv-cloud-admin`)})`,
      );
      action = exists && !this.options.rotateKeysets ? 'skip' : 'define-keysets';
    } else {
      before = await this.moduleHash(client, chainId, unit);
      if (
        before !== undefined &&
        recorded?.sourceHash === source.sourceHash &&
        recorded.moduleHash === before
      )
        action = 'skip';
      else action = before === undefined ? 'deploy' : 'upgrade';
    }
    if (action === 'skip') {
      log(`chain ${chainId} ${unit}: up to date${before ? ` (module hash ${before})` : ''}`);
      return { chainId, unit, action, ...(before ? { moduleHash: before } : {}) };
    }

    const signed = await signer.sign(this.command(chainId, source, action === 'upgrade'));
    const preflight = await client.local(chainId, signed, { preflight: true });
    if (preflight.result.status !== 'success') {
      throw new ContractDeployError(
        'preflight_failed',
        `chain ${chainId} ${unit}: preflight failed: ${describePactError(preflight)}`,
      );
    }
    const [requestKey] = await client.send(chainId, [signed]);
    log(`chain ${chainId} ${unit}: ${action} sent (${requestKey})`);
    const result = await client.listen(chainId, requestKey!);
    if (result.result.status !== 'success') {
      throw new ContractDeployError(
        'deploy_failed',
        `chain ${chainId} ${unit}: ${action} failed: ${describePactError(result)}`,
      );
    }
    const moduleHash =
      source.unit.kind === 'module' ? await this.moduleHash(client, chainId, unit) : undefined;
    if (source.unit.kind === 'module' && moduleHash === undefined) {
      throw new ContractDeployError(
        'deploy_failed',
        `chain ${chainId} ${unit}: deployed, but describe-module does not find it`,
      );
    }
    this.manifest = withDeployment(this.manifest, chainId, unit, {
      sourceHash: source.sourceHash,
      ...(moduleHash ? { moduleHash } : {}),
      requestKey: requestKey!,
      blockHeight: result.metaData?.blockHeight ?? null,
      deployedAt: (this.options.clock ?? (() => new Date()))().toISOString(),
    });
    this.options.saveManifest(this.manifest);
    log(`chain ${chainId} ${unit}: ${action} done${moduleHash ? ` (module hash ${moduleHash})` : ''}`);
    return { chainId, unit, action, requestKey: requestKey!, ...(moduleHash ? { moduleHash } : {}) };
  }

  private command(chainId: number, source: ContractSource, upgrade: boolean): IUnsignedCommand {
    const { target } = this.options;
    const data: Record<string, unknown> =
      source.unit.kind === 'keysets'
        ? {
            ns: target.namespace,
            'spv-cloud-admin': target.keysets['spv-cloud-admin'],
            'spv-cloud-operator': target.keysets['spv-cloud-operator'],
          }
        : { ns: target.namespace, upgrade };
    return this.factory.exec(chainId, {
      code: source.code,
      data,
      signers: [{ publicKey: target.adminPublicKey, caps: [] }],
    });
  }

  /** The module hash on that chain, or undefined when the module is not there. */
  private async moduleHash(
    client: ChainwebNodeClient,
    chainId: number,
    unit: string,
  ): Promise<string | undefined> {
    const result = await this.read(
      client,
      chainId,
      `(describe-module ${JSON.stringify(`${this.options.target.namespace}.${unit}`)})`,
    );
    if (result.result.status !== 'success') return undefined;
    const data = result.result.data as { hash?: unknown } | null;
    if (typeof data?.hash !== 'string')
      throw new ContractDeployError(
        'deploy_failed',
        `chain ${chainId} ${unit}: describe-module answered without a hash`,
      );
    return data.hash;
  }

  private async probe(client: ChainwebNodeClient, chainId: number, code: string): Promise<boolean> {
    return (await this.read(client, chainId, code)).result.status === 'success';
  }

  /** A read through /local: no signature needed (signatureVerification=false). */
  private read(client: ChainwebNodeClient, chainId: number, code: string): Promise<PactCommandResult> {
    const command = this.factory.exec(chainId, { code });
    const unsigned: SignedPactCommand = { hash: command.hash, sigs: [], cmd: command.cmd };
    return client.local(chainId, unsigned, { signatureVerification: false });
  }
}

function describePactError(result: PactCommandResult): string {
  if (result.result.status === 'success') return 'success';
  const error = result.result.error as { message?: unknown } | null;
  return typeof error?.message === 'string' ? error.message : JSON.stringify(result.result.error);
}
