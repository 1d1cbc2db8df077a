#!/usr/bin/python3
# Mock of ansible.windows.win_command for the zonegen tests. Like the real module
# (win_command.ps1: supports_check_mode = $false) it does not support check mode, so in
# --check it is skipped unless the task says check_mode: false. It appends its argv to
# $ZONEGEN_MOCK_LOG and answers /GetDeploymentZones with the file $ZONEGEN_MOCK_ZONES.
import json
import os

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(argv=dict(type='list', elements='str', required=True)),
                           supports_check_mode=False)
    argv = module.params['argv']
    with open(os.environ['ZONEGEN_MOCK_LOG'], 'a') as log:
        log.write(json.dumps(argv) + '\n')
    out = ''
    if '/GetDeploymentZones' in argv:
        with open(os.environ['ZONEGEN_MOCK_ZONES']) as f:
            out = f.read()
    module.exit_json(changed=True, stdout=out, rc=0)


if __name__ == '__main__':
    main()
