{ from: 'jpath2' }
