import type { AnalyzerLevel } from '../istio/analyze.ts';

/**
 * The analyzer messages meshscope emits, restated from Istio's catalogue
 * (istio/istio pkg/config/analysis/msg/messages.yaml): code, level and the Go format template
 * (`%s`, `%q`, `%d`, `%v`) that `fmt.Sprintf` fills in. Only the codes our analyzers use.
 */
export interface MessageType {
  code: string;
  name: string;
  level: AnalyzerLevel;
  template: string;
}

function type(code: string, name: string, level: AnalyzerLevel, template: string): MessageType {
  return { code, name, level, template };
}

export const Deprecated = type('IST0002', 'Deprecated', 'Warning', 'Deprecated: %s');
export const ReferencedResourceNotFound = type('IST0101', 'ReferencedResourceNotFound', 'Error', 'Referenced %s not found: %q');
export const ConflictingMeshGatewayVirtualServiceHosts = type(
  'IST0109',
  'ConflictingMeshGatewayVirtualServiceHosts',
  'Error',
  'The VirtualServices %s associated with mesh gateway define the same host %s which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.',
);
export const ConflictingSidecarWorkloadSelectors = type(
  'IST0110',
  'ConflictingSidecarWorkloadSelectors',
  'Error',
  'The Sidecars %v in namespace %q select the same workload pod %q, which can lead to undefined behavior.',
);
export const MultipleSidecarsWithoutWorkloadSelectors = type(
  'IST0111',
  'MultipleSidecarsWithoutWorkloadSelectors',
  'Error',
  'The Sidecars %v in namespace %q have no workload selector, which can lead to undefined behavior.',
);
export const VirtualServiceDestinationPortSelectorRequired = type(
  'IST0112',
  'VirtualServiceDestinationPortSelectorRequired',
  'Error',
  'This VirtualService routes to a service %q that exposes multiple ports %v. Specifying a port in the destination is required to disambiguate.',
);
export const PortNameIsNotUnderNamingConvention = type(
  'IST0118',
  'PortNameIsNotUnderNamingConvention',
  'Info',
  "Port name %s (port: %d, targetPort: %s) doesn't follow the naming convention of Istio port.",
);
export const NoServerCertificateVerificationDestinationLevel = type(
  'IST0128',
  'NoServerCertificateVerificationDestinationLevel',
  'Warning',
  'DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s',
);
export const NoServerCertificateVerificationPortLevel = type(
  'IST0129',
  'NoServerCertificateVerificationPortLevel',
  'Warning',
  'DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s at port %s',
);
export const VirtualServiceHostNotFoundInGateway = type(
  'IST0132',
  'VirtualServiceHostNotFoundInGateway',
  'Warning',
  'one or more host %v defined in VirtualService %s not found in Gateway %s.',
);
export const ServiceEntryAddressesRequired = type(
  'IST0134',
  'ServiceEntryAddressesRequired',
  'Warning',
  'ServiceEntry addresses are required for this protocol.',
);
export const IngressRouteRulesNotAffected = type(
  'IST0140',
  'IngressRouteRulesNotAffected',
  'Warning',
  'Subset in virtual service %s has no effect on ingress gateway %s requests',
);
export const ConflictingGateways = type('IST0145', 'ConflictingGateways', 'Error', 'Conflict with gateways %s (workload selector %s, port %s, hosts %v).');
export const ExternalNameServiceTypeInvalidPortName = type(
  'IST0150',
  'ExternalNameServiceTypeInvalidPortName',
  'Warning',
  'Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly',
);
export const GatewayPortNotDefinedOnService = type(
  'IST0162',
  'GatewayPortNotDefinedOnService',
  'Warning',
  'The gateway is listening on a target port (port %d) that is not defined in the Service associated with its workload instances (Pod selector %s). If you need to access the gateway port through the gateway Service, it will not be available.',
);
export const ReferencedInternalGateway = type(
  'IST0165',
  'ReferencedInternalGateway',
  'Warning',
  'Gateway reference in VirtualService %s is to an implementation-generated internal Gateway: %s.',
);
export const IneffectivePolicy = type('IST0167', 'IneffectivePolicy', 'Warning', 'The policy has no impact: %s.');
export const NegativeConditionStatus = type(
  'IST0171',
  'NegativeConditionStatus',
  'Warning',
  'A condition with a negative status is present: type=%s, reason=%s, message=%s.',
);
export const DestinationRuleSubsetNotSelectPods = type(
  'IST0173',
  'DestinationRuleSubsetNotSelectPods',
  'Error',
  'The Subset %s defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).',
);
export const UnknownDestinationRuleHost = type(
  'IST0174',
  'UnknownDestinationRuleHost',
  'Warning',
  'The host %s defined in the DestinationRule does not match any services in the mesh.',
);
export const ConflictingServiceEntryProtocol = type(
  'IST0177',
  'ConflictingServiceEntryProtocol',
  'Warning',
  'Multiple ServiceEntries (%s) define the same host %q and port %d with conflicting protocols (%s).',
);
export const GatewayAPICRDVersionBelowMinimum = type(
  'IST0176',
  'GatewayAPICRDVersionBelowMinimum',
  'Warning',
  'Gateway API CRD %q is at version %q but Istio requires at least %q; resources of this kind will not be processed. Upgrade the Gateway API CRDs to satisfy the minimum version.',
);
export const JwtClaimBasedRoutingWithoutRequestAuthN = type(
  'IST0149',
  'JwtClaimBasedRoutingWithoutRequestAuthN',
  'Error',
  'The virtual service uses the JWT claim based routing (key: %s) but found no request authentication for the gateway (%s) pod (%s). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.',
);
export const VirtualServiceUnreachableRule = type('IST0130', 'VirtualServiceUnreachableRule', 'Warning', 'VirtualService rule %v not used (%s).');
export const VirtualServiceIneffectiveMatch = type(
  'IST0131',
  'VirtualServiceIneffectiveMatch',
  'Info',
  'VirtualService rule %v match %v is not used (duplicate/overlapping match in rule %v).',
);
