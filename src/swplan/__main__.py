from swplan.cli import main

main()
