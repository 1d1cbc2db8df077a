// Package testfs holds the file helpers the tests of every package share: write one file,
// read a whole tree back. Each fails the test on an error.
package testfs
