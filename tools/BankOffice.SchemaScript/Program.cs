using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

var options = new DbContextOptionsBuilder<BankOfficeDbContext>()
    .UseNpgsql("Host=unused")
    .Options;
using var context = new BankOfficeDbContext(options);
Console.WriteLine(context.Database.GenerateCreateScript());
