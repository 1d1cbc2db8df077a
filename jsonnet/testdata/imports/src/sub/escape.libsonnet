(import '../../secret.libsonnet').secret
