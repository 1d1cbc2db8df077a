// Command zonegen is the command line: one cobra command per file, flags and viper
// configuration (flags, then ZONEGEN_* environment variables, then zonegen.yaml) filling a
// plain Config. Nothing outside this folder imports cobra or viper.
package main
