from cadre_cli.cli import main

main()
