{
  name: 'bad',
  environments: {
    dev: { purpose: error 'no purpose for dev' },
  },
}
