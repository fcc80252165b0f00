/**
 * Istio's stock ingress gateway Service maps port 80 to targetPort 8080 and 443 to 8443
 * (manifests/charts/gateway values: the gateway runs unprivileged, so it cannot bind ports
 * below 1024); the gateway's listeners and its `http.<port>` route configs use the targetPort.
 * A gateway whose Service maps other ports is not covered: the dump does not hold the Service.
 */
export const GATEWAY_TARGET_PORTS: Readonly<Record<number, number>> = { 80: 8080, 443: 8443 };
