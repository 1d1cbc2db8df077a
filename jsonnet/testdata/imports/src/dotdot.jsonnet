(import '../secret.libsonnet').secret
