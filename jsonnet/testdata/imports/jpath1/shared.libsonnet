{ from: 'jpath1' }
