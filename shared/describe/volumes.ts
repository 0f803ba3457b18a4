/** describeVolumes: one block per volume source kind, in kubectl 1.28's wording. */
import { arr, goBool, has, num, obj, str, strMap, byString, type Json } from './json';
import { canonical, parseQuantity } from './quantity';
import { refTo } from './common';
import type { DescribeContext } from './types';
import type { DescribeWriter } from './writer';

/** A source that is only a list of fields: title plus [label, field] pairs printed with %v. */
const SIMPLE: Record<string, [string, Array<[string, string]>]> = {
  gcePersistentDisk: ['GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [['PDName', 'pdName'], ['FSType', 'fsType'], ['Partition', 'partition'], ['ReadOnly', 'readOnly']]],
  awsElasticBlockStore: ['AWSElasticBlockStore (a Persistent Disk resource in AWS)', [['VolumeID', 'volumeID'], ['FSType', 'fsType'], ['Partition', 'partition'], ['ReadOnly', 'readOnly']]],
  gitRepo: ['GitRepo (a volume that is pulled from git when the pod is created)', [['Repository', 'repository'], ['Revision', 'revision']]],
  nfs: ['NFS (an NFS mount that lasts the lifetime of a pod)', [['Server', 'server'], ['Path', 'path'], ['ReadOnly', 'readOnly']]],
  glusterfs: ["Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", [['EndpointsName', 'endpoints'], ['Path', 'path'], ['ReadOnly', 'readOnly']]],
  quobyte: ["Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [['Registry', 'registry'], ['Volume', 'volume'], ['ReadOnly', 'readOnly']]],
  vsphereVolume: ['vSphereVolume (a Persistent Disk resource in vSphere)', [['VolumePath', 'volumePath'], ['FSType', 'fsType'], ['StoragePolicyName', 'storagePolicyName']]],
  photonPersistentDisk: ['PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [['PdID', 'pdID'], ['FSType', 'fsType']]],
  portworxVolume: ['PortworxVolume (a Portworx Volume resource)', [['VolumeID', 'volumeID']]],
  flocker: ['Flocker (a Flocker volume mounted by the Flocker agent)', [['DatasetName', 'datasetName'], ['DatasetUUID', 'datasetUUID']]],
  azureFile: ['AzureFile (an Azure File Service mount on the host and bind mount to the pod)', [['SecretName', 'secretName'], ['ShareName', 'shareName'], ['ReadOnly', 'readOnly']]],
  image: ['Image (a container image or OCI artifact)', [['Reference', 'reference'], ['PullPolicy', 'pullPolicy']]],
};

const fieldText = (v: unknown): string => (typeof v === 'boolean' ? goBool(v) : v == null ? (v === undefined ? '' : '<nil>') : String(v));

export function writeVolumes(w: DescribeWriter, volumes: Json[], space: string, ctx: DescribeContext, namespace: string): void {
  if (volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${str(v.name)}:\n`);
    writeSource(w, v, ctx, namespace);
  }
}

function writeSource(w: DescribeWriter, v: Json, ctx: DescribeContext, namespace: string): void {
  if (v.hostPath) {
    const h = obj(v.hostPath);
    const type = has(h, 'type') ? str(h.type) : '<none>';
    w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(h.path)}\n    HostPathType:\t${type}\n`);
  } else if (v.emptyDir) {
    const e = obj(v.emptyDir);
    const size = parseQuantity(e.sizeLimit);
    const limit = size && size.nanos > 0n ? canonical(e.sizeLimit) : '<unset>';
    w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(e.medium)}\n    SizeLimit:\t${limit}\n`);
  } else if (v.secret) {
    const s = obj(v.secret);
    w.write(2, 'Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t');
    w.ref(str(s.secretName), refTo(ctx, 'Secret', str(s.secretName), namespace));
    w.write(0, `\n    Optional:\t${goBool(s.optional)}\n`);
  } else if (v.configMap) {
    const c = obj(v.configMap);
    w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t');
    w.ref(str(c.name), refTo(ctx, 'ConfigMap', str(c.name), namespace));
    w.write(0, `\n    Optional:\t${goBool(c.optional)}\n`);
  } else if (v.persistentVolumeClaim) {
    const c = obj(v.persistentVolumeClaim);
    w.write(2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t');
    w.ref(str(c.claimName), refTo(ctx, 'PersistentVolumeClaim', str(c.claimName), namespace));
    w.write(0, `\n    ReadOnly:\t${goBool(c.readOnly)}\n`);
  } else if (v.projected) {
    writeProjected(w, obj(v.projected), ctx, namespace);
  } else if (v.downwardAPI) {
    w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of arr(obj(v.downwardAPI).items)) {
      if (item.fieldRef) w.write(3, `${str(obj(item.fieldRef).fieldPath)} -> ${str(item.path)}\n`);
      if (item.resourceFieldRef) w.write(3, `${str(obj(item.resourceFieldRef).resource)} -> ${str(item.path)}\n`);
    }
  } else if (v.csi) {
    const c = obj(v.csi);
    w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(c.driver)}\n    FSType:\t${str(c.fsType)}\n    ReadOnly:\t${goBool(c.readOnly)}\n`);
    const attrs = strMap(c.volumeAttributes);
    const keys = Object.keys(attrs).sort(byString);
    w.write(2, 'VolumeAttributes:\t');
    if (keys.length === 0) w.write(0, '<none>\n');
    keys.forEach((k, i) => w.write(i === 0 ? 0 : 2, `${i === 0 ? '' : '\t'}${k}=${attrs[k]}\n`));
  } else if (v.ephemeral) {
    w.write(2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
  } else {
    const kind = Object.keys(SIMPLE).find((k) => v[k]);
    if (!kind) {
      w.write(1, '<unknown>\n');
      return;
    }
    const [title, fields] = SIMPLE[kind]!;
    const source = obj(v[kind]);
    w.write(2, `Type:\t${title}\n${fields.map(([label, field]) => `    ${label}:\t${fieldText(source[field])}\n`).join('')}`);
  }
}

function writeProjected(w: DescribeWriter, p: Json, ctx: DescribeContext, namespace: string): void {
  w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const s of arr(p.sources)) {
    if (s.secret) {
      const secret = obj(s.secret);
      w.write(2, 'SecretName:\t');
      w.ref(str(secret.name), refTo(ctx, 'Secret', str(secret.name), namespace));
      w.write(0, `\n    SecretOptionalName:\t${has(secret, 'optional') ? goBool(secret.optional) : '<nil>'}\n`);
    } else if (s.downwardAPI) {
      w.write(2, 'DownwardAPI:\ttrue\n');
    } else if (s.configMap) {
      const cm = obj(s.configMap);
      w.write(2, 'ConfigMapName:\t');
      w.ref(str(cm.name), refTo(ctx, 'ConfigMap', str(cm.name), namespace));
      w.write(0, `\n    ConfigMapOptional:\t${has(cm, 'optional') ? goBool(cm.optional) : '<nil>'}\n`);
    } else if (s.serviceAccountToken) {
      w.write(2, `TokenExpirationSeconds:\t${num(obj(s.serviceAccountToken).expirationSeconds)}\n`);
    }
  }
}
