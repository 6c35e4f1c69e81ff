import { readFileSync } from 'node:fs';
import type { TemporalConfig } from './config';

/** Connection options shared by the api's client and the worker's native connection. */
export function temporalConnectionOptions(config: TemporalConfig): {
  address: string;
  tls?:
    | {
        serverNameOverride?: string;
        serverRootCACertificate?: Buffer;
        clientCertPair?: { crt: Buffer; key: Buffer };
      }
    | boolean;
  apiKey?: string;
} {
  if (!config.tls)
    return { address: config.address, ...(config.apiKey ? { apiKey: config.apiKey, tls: true } : {}) };
  const { certPath, keyPath, caPath, serverName } = config.tls;
  return {
    address: config.address,
    tls: {
      ...(serverName ? { serverNameOverride: serverName } : {}),
      ...(caPath ? { serverRootCACertificate: readFileSync(caPath) } : {}),
      ...(certPath && keyPath
        ? { clientCertPair: { crt: readFileSync(certPath), key: readFileSync(keyPath) } }
        : {}),
    },
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  };
}
