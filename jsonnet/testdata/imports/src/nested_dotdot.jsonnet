// The escape happens one import deep.
import 'sub/escape.libsonnet'
